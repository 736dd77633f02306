import type { Socket } from 'node:net'

/**
 * The API requests being handled right now, across the emulator's servers (the API and the S3
 * front), so a test can cut them all at once: what a lost network does to transfers in flight.
 * A browser's offline mode only stops new requests; bodies already flowing on loopback carry on.
 */
export function createInFlight() {
  const sockets = new Map<Socket, number>()
  return {
    /** A request started on this socket; call the result when it ends. */
    enter(socket: Socket): () => void {
      sockets.set(socket, (sockets.get(socket) ?? 0) + 1)
      let left = false
      return () => {
        if (left) return
        left = true
        const count = (sockets.get(socket) ?? 1) - 1
        if (count > 0) sockets.set(socket, count)
        else sockets.delete(socket)
      }
    },
    /**
     * Cut the connection of every request in flight; returns how many were cut. Each gets the
     * first bytes of an answer before the reset: a browser silently sends a request again on a
     * fresh connection when a reused one dies before any answer (even while offline), which
     * would hide the loss from the page and put a request on the wire the page never made.
     */
    resetAll(): number {
      const cut = [...sockets.keys()]
      sockets.clear()
      for (const socket of cut) {
        if (socket.destroyed) continue
        socket.write('HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 4096\r\n\r\nx', () => socket.destroy())
        setTimeout(() => socket.destroy(), 50).unref()
      }
      return cut.length
    },
    get size() {
      return sockets.size
    },
  }
}

export type InFlight = ReturnType<typeof createInFlight>
