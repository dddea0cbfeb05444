// How each kind of line looks, so kinds are told apart by style (dash pattern, colour,
// arrowhead) and the legend draws the same strokes. Status and change marks recolour a line;
// its dash pattern always stays its kind's.

import { EDGE_KINDS, EDGE_LABELS, type EdgeKind } from '@/lib/topology';
import { INVITATION_EDGE_STYLE, CROSS_ACCOUNT_EDGE_STYLE } from '@/components/sharing/edge-styles';

export interface EdgeKindStyle {
  stroke: string;
  /** SVG stroke-dasharray; absent for a solid line. */
  dash?: string;
  width: number;
  /** An arrowhead at the drawn end, where the direction matters for reading. */
  arrow?: boolean;
  /** What the legend says about it. */
  legend: string;
}

const STYLES: Partial<Record<EdgeKind, Omit<EdgeKindStyle, 'legend'> & { legend?: string }>> = {
  serviceNetworkService: { stroke: '#64748b', width: 1.4 },
  serviceNetworkVpc: { stroke: '#0f766e', dash: '9 3', width: 1.4 },
  serviceNetworkResourceConfiguration: { stroke: '#7c3aed', dash: '7 3 1.5 3', width: 1.4 },
  vpcEndpointServiceNetwork: { stroke: '#0369a1', width: 1.4, arrow: true, legend: 'VPC endpoint → service network' },
  vpcEndpointVpc: { stroke: '#64748b', dash: '1.5 3', width: 1.4, legend: 'VPC endpoint in its VPC' },
  vpcEndpointConnection: { stroke: '#0369a1', dash: '4 3', width: 1.4, arrow: true, legend: 'VPC endpoint → endpoint service' },
  vpcEndpointResourceConfiguration: { stroke: '#0369a1', dash: '7 3 1.5 3', width: 1.4, arrow: true, legend: 'VPC endpoint → resource configuration' },
  forward: { stroke: '#4338ca', width: 2, arrow: true, legend: 'listener → target group, with weight' },
  resourceGatewayResourceConfiguration: { stroke: '#a16207', dash: '4 2', width: 1.4, legend: 'resource gateway for a configuration' },
  resourceConfigurationChild: { stroke: '#7c3aed', dash: '1.5 3', width: 1.4, arrow: true, legend: 'group configuration → child' },
  callerService: { stroke: '#be185d', dash: '5 2 1.5 2', width: 1.4, arrow: true, legend: 'IAM role may call the service' },
  targetResource: { stroke: '#475569', dash: '3 2', width: 1.2, arrow: true, legend: 'target → what it points at' },
  accessLogDestination: { stroke: '#94a3b8', dash: '2 2', width: 1.2, arrow: true, legend: 'access logs delivered to' },
  shareResource: { stroke: '#b45309', dash: '6 4', width: 1.4, legend: 'resource share → shared resource' },
  sharePrincipal: { stroke: '#b45309', dash: '2 3', width: 1.4, legend: 'resource share → principal' },
};

/** Legend wording where the short edge label alone would be ambiguous (several kinds say "in VPC"). */
const LEGEND_TEXT: Partial<Record<EdgeKind, string>> = {
  serviceListener: 'service → listener',
  listenerRule: 'listener → rule',
  targetGroupTarget: 'target group → target',
  targetGroupVpc: 'target group in its VPC',
  resourceGatewayVpc: 'resource gateway in its VPC',
  subnetVpc: 'subnet in its VPC',
  securityGroupVpc: 'security group in its VPC',
  accessLog: 'access-log subscription → what it logs',
  invitationShare: 'invitation → resource share',
};

/** Kinds without a style of their own share a quiet grey and get one of these patterns, chosen by name so it is stable. */
const FALLBACK_DASHES = ['3 3', '6 2', '1 2', '8 2 2 2', '4 1'];

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h);
}

export function edgeKindStyle(kind: EdgeKind): EdgeKindStyle {
  const own = STYLES[kind];
  const legend = own?.legend ?? LEGEND_TEXT[kind] ?? EDGE_LABELS[kind];
  if (own) return { ...own, legend };
  return { stroke: '#94a3b8', dash: FALLBACK_DASHES[hash(kind) % FALLBACK_DASHES.length], width: 1.2, legend };
}

export interface LegendLine {
  id: string;
  label: string;
  style: Pick<EdgeKindStyle, 'stroke' | 'dash' | 'width' | 'arrow'>;
}

/** Every line the legend explains: each edge kind, then the lines sharing adds. */
export function legendLines(): LegendLine[] {
  const kinds = EDGE_KINDS.map((kind) => {
    const s = edgeKindStyle(kind);
    return { id: kind, label: s.legend, style: s };
  });
  return [
    ...kinds,
    { id: 'invitation', label: 'share invitation (pending)', style: { stroke: INVITATION_EDGE_STYLE.stroke, dash: INVITATION_EDGE_STYLE.strokeDasharray, width: INVITATION_EDGE_STYLE.strokeWidth } },
    { id: 'crossAccount', label: 'association across accounts', style: { stroke: CROSS_ACCOUNT_EDGE_STYLE.stroke, width: CROSS_ACCOUNT_EDGE_STYLE.strokeWidth } },
  ];
}

/** The words a line shows on hover or when one of its ends is selected. */
export function edgeLabel(kind: EdgeKind, count: number, status: string | undefined, weight?: number): string {
  const parts = [EDGE_LABELS[kind] ?? kind];
  if (weight !== undefined) parts.push(`weight ${weight}`);
  if (count > 1) parts.push(`×${count}`);
  if (status && !/^(ACTIVE|AVAILABLE|ASSOCIATED|ACCEPTED)$/i.test(status)) parts.push(status.toLowerCase().replace(/_/g, ' '));
  return parts.join(' · ');
}
