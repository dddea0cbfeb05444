// Runs ELK off the main thread. The page terminates this worker when it misses its deadline.
import ELK from 'elkjs/lib/elk.bundled.js';
import { elkLayout } from './elk-layout';
import type { LayoutInput } from './types';

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; input: LayoutInput }>) => {
  const { id, input } = event.data;
  try {
    const result = await elkLayout(elk, input);
    self.postMessage({ id, result });
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
