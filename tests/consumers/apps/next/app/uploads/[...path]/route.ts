// The app's own server in front of the signer: it decides who the user is (an app checks its
// session here; this test app holds the emulator's development token) and forwards the call.
const signer = process.env.UPLINK_SIGNER_ORIGIN ?? 'http://127.0.0.1:4600'
const token = process.env.UPLINK_SIGNER_TOKEN ?? 'uplink-dev-token'

async function forward(request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await context.params
  const { search } = new URL(request.url)
  const headers = new Headers({ Authorization: `Bearer ${token}` })
  const type = request.headers.get('content-type')
  if (type) headers.set('Content-Type', type)
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer()
  const answer = await fetch(`${signer}/${path.map(encodeURIComponent).join('/')}${search}`, { method: request.method, headers, body })
  return new Response(answer.body, { status: answer.status, headers: { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' } })
}

export { forward as DELETE, forward as GET, forward as POST }
