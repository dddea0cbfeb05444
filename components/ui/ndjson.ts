// Reads a streamed answer of one JSON value per line (NDJSON: the refresh and apply progress
// streams), handing over the lines each chunk completes, until the stream ends.
export async function readNdjson<Line>(body: NonNullable<Response['body']>, onLines: (lines: Line[]) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    const parts = buffer.split('\n');
    buffer = done ? '' : (parts.pop() ?? '');
    const lines = parts.filter((text) => text.trim()).map((text) => JSON.parse(text) as Line);
    if (lines.length) onLines(lines);
    if (done) return;
  }
}
