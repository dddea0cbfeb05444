// Streamed answers, one JSON value per line (NDJSON), for work that reports progress while it
// runs (a discovery, an apply). Once the stream has started the status line is sent, so a
// failure can only be the stream's last line: `failed(err, send)` sends it.

export const NDJSON_HEADERS = { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' } as const;

type Send<Event> = (event: Event) => void;

export function ndjsonResponse<Event>(produce: (send: Send<Event>) => Promise<void>, failed: (err: unknown, send: Send<Event>) => Promise<void> | void): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: Event) => controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      try {
        await produce(send);
      } catch (err) {
        await failed(err, send);
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: NDJSON_HEADERS });
}
