// A topology as JSON text, serialised a slice at a time: a large estate's is tens of
// megabytes, and one JSON.stringify of it held the console's event loop for seconds.
import type { Topology } from '@/lib/topology';

/** Nodes or edges serialised between two turns of the event loop. */
const SLICE = 500;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function arrayJson(items: readonly unknown[]): Promise<string> {
  const parts: string[] = [];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) await turn();
    parts.push(JSON.stringify(items.slice(i, i + SLICE)).slice(1, -1));
  }
  return `[${parts.join(',')}]`;
}

/** The same JSON as JSON.stringify(topology) gives, up to the order of its keys. */
export async function topologyJson(topology: Topology): Promise<string> {
  const { nodes, edges, ...rest } = topology;
  const head = JSON.stringify(rest);
  const nodesJson = await arrayJson(nodes);
  const edgesJson = await arrayJson(edges);
  return `{"nodes":${nodesJson},"edges":${edgesJson}${head === '{}' ? '' : `,${head.slice(1, -1)}`}}`;
}
