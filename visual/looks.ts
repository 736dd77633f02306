/** The widths and looks every screenshot is taken at: a phone and a desktop; light, dark and right to left. */
export const widths = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const

export type LookName = 'light' | 'dark' | 'rtl'

/** How each look is asked for: Storybook globals, or the demo's query string. */
export const looks: ReadonlyArray<{ name: LookName; storyGlobals: string; demoQuery: string }> = [
  { name: 'light', storyGlobals: 'uplinkTheme:light', demoQuery: 'theme=light' },
  { name: 'dark', storyGlobals: 'uplinkTheme:dark', demoQuery: 'theme=dark' },
  { name: 'rtl', storyGlobals: 'uplinkTheme:light;dir:rtl', demoQuery: 'theme=light&dir=rtl' },
]
