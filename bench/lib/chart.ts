/** One bar of the upload chart. */
export interface Bar {
  group: string
  label: string
  value: number
  /** Shown after the value, e.g. "0.42x fetch". */
  note: string
  baseline: boolean
  /** Not the shipped engine: drawn hatched-free in a third colour. */
  diagnostic?: boolean
  capped: boolean
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * A horizontal bar chart as plain SVG (no library needed for bars and text): one row per run,
 * grouped, with the value and its ratio written beside each bar so it reads without a legend.
 */
export function barChartSvg(title: string, subtitle: string, unit: string, bars: Bar[]): string {
  // Room for the longest label (about 7 px a character at 13 px system-ui), never less than 330.
  const labelWidth = Math.max(330, 20 + 7 * Math.max(...bars.map((b) => b.label.length)))
  const barArea = 400
  const width = labelWidth + barArea + 170
  const rowHeight = 30
  const groupGap = 34
  const top = 78
  const max = Math.max(1, ...bars.map((b) => b.value)) * 1.05
  const groups = [...new Set(bars.map((b) => b.group))]
  const rows: string[] = []
  let y = top
  for (const group of groups) {
    rows.push(`<text x="16" y="${y + 14}" class="group">${esc(group)}</text>`)
    y += 24
    for (const bar of bars.filter((b) => b.group === group)) {
      const w = Math.max(2, (bar.value / max) * barArea)
      const fill = bar.baseline ? '#9aa5b1' : bar.diagnostic ? '#d97706' : '#2563eb'
      rows.push(
        `<text x="${labelWidth - 10}" y="${y + 19}" class="label" text-anchor="end">${esc(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${fill}"${bar.capped ? ` fill-opacity="0.55" stroke="${fill}" stroke-dasharray="4 3"` : ''}/>`,
        `<text x="${labelWidth + w + 8}" y="${y + 19}" class="value">${esc(`${bar.value.toFixed(1)} ${unit}`)}<tspan class="note"> ${esc(bar.note)}</tspan></text>`,
      )
      y += rowHeight
    }
    y += groupGap - 24
  }
  const height = y + 60
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">
<style>
  .title { font-size: 20px; font-weight: 600; fill: #111827 }
  .subtitle { font-size: 13px; fill: #4b5563 }
  .group { font-size: 14px; font-weight: 600; fill: #111827 }
  .label { font-size: 13px; fill: #1f2937 }
  .value { font-size: 13px; font-weight: 600; fill: #111827 }
  .note { font-weight: 400; fill: #4b5563 }
  .legend { font-size: 12px; fill: #4b5563 }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="30" class="title">${esc(title)}</text>
<text x="16" y="52" class="subtitle">${esc(subtitle)}</text>
${rows.join('\n')}
<rect x="16" y="${height - 46}" width="14" height="10" fill="#9aa5b1"/><text x="36" y="${height - 37}" class="legend">plain fetch baseline</text>
<rect x="196" y="${height - 46}" width="14" height="10" fill="#2563eb"/><text x="216" y="${height - 37}" class="legend">Uplink</text>
<rect x="296" y="${height - 46}" width="14" height="10" fill="#d97706"/><text x="316" y="${height - 37}" class="legend">diagnostic variant, not the shipped engine</text>
<rect x="16" y="${height - 24}" width="14" height="10" fill="#9aa5b1" fill-opacity="0.55" stroke="#9aa5b1" stroke-dasharray="4 3"/><text x="36" y="${height - 15}" class="legend">dashed: stopped at the time cap, rated by the bytes acknowledged until then</text>
</svg>
`
}
