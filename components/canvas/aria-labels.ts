// Words for screen readers: a box is its kind and name, a line says what links what, never
// the raw ARNs React Flow would read out by default.
import { EDGE_LABELS, KIND_LABELS, type ViewEdge, type ViewNode } from '@/lib/topology';

export function nodeAriaLabel(node: Pick<ViewNode, 'kind' | 'label'>): string {
  return node.kind === 'aggregate' ? `Group: ${node.label}` : `${KIND_LABELS[node.kind]} ${node.label}`;
}

export function edgeAriaLabel(edge: Pick<ViewEdge, 'kind'>, from: Pick<ViewNode, 'kind' | 'label'> | undefined, to: Pick<ViewNode, 'kind' | 'label'> | undefined): string {
  const name = (n: Pick<ViewNode, 'kind' | 'label'> | undefined) => (n ? nodeAriaLabel(n) : 'a resource not shown');
  return `${name(from)}, ${EDGE_LABELS[edge.kind]}: ${name(to)}`;
}
