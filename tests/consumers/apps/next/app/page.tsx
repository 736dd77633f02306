import { TestHook } from './test-hook'
import { Uploads } from './uploads'

// A server component rendering the client component of @uplink/react's README example
// (app/uploads.tsx, copied verbatim by the test): its first HTML comes from the server.
export default function Page() {
  return (
    <main>
      <h1>Uploads</h1>
      <Uploads />
      <TestHook />
    </main>
  )
}
