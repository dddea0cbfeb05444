// One way of lighting up part of the graph, used by selection (a box and its neighbours) and
// by the access path: what is lit keeps full strength, everything else is dimmed.
import type { Edge } from '@xyflow/react';

export const DIM_CLASS = 'graph-dim';

export function joinClass(a: string | undefined, b: string): string {
  return a ? `${a} ${b}` : b;
}

/** The selected box, the boxes one line away, and those lines. */
export function neighbourhood(edges: readonly Pick<Edge, 'id' | 'source' | 'target'>[], id: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set([id]);
  const lit = new Set<string>();
  for (const e of edges) {
    if (e.source === id || e.target === id) {
      nodes.add(e.source);
      nodes.add(e.target);
      lit.add(e.id);
    }
  }
  return { nodes, edges: lit };
}

/** Dims every box outside `lit` (account groups stay as they are: they are the map's frame). */
export function dimNodes<N extends { id: string; type?: string; className?: string }>(nodes: N[], lit: ReadonlySet<string>): N[] {
  return nodes.map((n) => (n.type === 'account' || lit.has(n.id) ? n : { ...n, className: joinClass(n.className, DIM_CLASS) }));
}

export function dimEdges(edges: Edge[], lit: ReadonlySet<string>): Edge[] {
  return edges.map((e) => (lit.has(e.id) ? e : { ...e, className: joinClass(e.className, DIM_CLASS) }));
}
