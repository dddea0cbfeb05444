// Colours and sizes the canvas, its minimap and its exports share.

import { paletteColor, statusClass, type ChangeMark, type ResourceKind, type ServiceDetail, type StatusClass } from '@/lib/topology';
import { NODE_HEIGHT } from './layout/layout-input';

/** Colours by position in the sorted list of every account in the topology, so they do not move when a filter hides one. */
export function accountColors(accounts: readonly string[]): Map<string, string> {
  const sorted = [...new Set(accounts)].filter(Boolean).sort();
  const colors = new Map(sorted.map((a, i) => [a, paletteColor(i)]));
  colors.set('', '#64748b');
  return colors;
}

export const STATUS_STYLE: Record<StatusClass, { label: string; dot: string; text: string; ring: string }> = {
  active: { label: 'Active', dot: 'bg-emerald-500', text: 'text-emerald-700', ring: 'ring-emerald-200 bg-emerald-50' },
  pending: { label: 'In progress', dot: 'bg-amber-500', text: 'text-amber-800', ring: 'ring-amber-200 bg-amber-50' },
  failed: { label: 'Failed', dot: 'bg-red-500', text: 'text-red-700', ring: 'ring-red-200 bg-red-50' },
  inactive: { label: 'Inactive', dot: 'bg-slate-400', text: 'text-slate-600', ring: 'ring-slate-200 bg-slate-50' },
  unknown: { label: 'Unknown', dot: 'bg-slate-300', text: 'text-slate-500', ring: 'ring-slate-200 bg-slate-50' },
};

/** The badge word for a status: the API's own word, made readable (CREATE_IN_PROGRESS → Creating). */
export function statusWord(status: string): string {
  const s = status.toUpperCase();
  if (s === 'CREATE_IN_PROGRESS') return 'Creating';
  if (s === 'UPDATE_IN_PROGRESS') return 'Updating';
  if (s === 'DELETE_IN_PROGRESS') return 'Deleting';
  if (s.endsWith('_FAILED')) return `${s.slice(0, -7).charAt(0)}${s.slice(1, -7).toLowerCase()} failed`;
  if (!status) return 'Unknown';
  // EC2 words are camel case (pendingAcceptance): split them like the snake-case ones.
  const words = status.replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase().replace(/_/g, ' ');
}

export { statusClass };

/** Outline colours of change marks (the Tailwind colours of the DOM boxes' outlines). */
export const MARK_COLORS: Record<ChangeMark, string> = { added: '#10b981', removed: '#f87171', changed: '#fbbf24' };

export const KIND_SHORT: Record<ResourceKind, string> = {
  serviceNetwork: 'Service network',
  service: 'Service',
  listener: 'Listener',
  rule: 'Rule',
  targetGroup: 'Target group',
  target: 'Target',
  resourceGateway: 'Resource gateway',
  resourceConfiguration: 'Resource config',
  accessLogSubscription: 'Access log',
  vpc: 'VPC',
  subnet: 'Subnet',
  securityGroup: 'Security group',
  vpcEndpoint: 'VPC endpoint',
  vpcEndpointService: 'Endpoint service',
  instance: 'Instance',
  iamRole: 'IAM role',
  lambdaFunction: 'Function',
  logGroup: 'Log group',
  resourceShare: 'Resource share',
  resourceShareInvitation: 'Invitation',
  principal: 'Principal',
};

/** Rows of an opened service, so its box can be sized before it renders. */
export const SERVICE_ROW = { listener: 26, rule: 38, sectionTitle: 24, targetGroup: 26, padding: 14 };

export function serviceHeight(detail: ServiceDetail | undefined): number {
  if (!detail) return NODE_HEIGHT;
  const rules = detail.listeners.reduce((n, l) => n + l.rules.length, 0);
  const listenerRows = detail.listeners.length * SERVICE_ROW.listener + rules * SERVICE_ROW.rule;
  const tgRows = detail.targetGroups.length ? SERVICE_ROW.sectionTitle + detail.targetGroups.length * SERVICE_ROW.targetGroup : 0;
  const empty = detail.listeners.length === 0 ? SERVICE_ROW.listener : 0;
  return NODE_HEIGHT + SERVICE_ROW.sectionTitle + listenerRows + empty + tgRows + SERVICE_ROW.padding;
}

/** The access path's colours: the path lit up, the failing link in red (on the canvas, its layer and the exports). */
export const ACCESS_COLORS = { path: '#4f46e5', failed: '#dc2626' } as const;
