// Layer 1: can the caller's VPC reach the service at all? Only through a service network that
// the VPC is connected to (a VPC association, or a service-network VPC endpoint) and that the
// service is associated with, every link active, cross-account links only through an
// accepted (or organization) RAM share. Sources: VPC Lattice User Guide,
// access-management-overview.html, service-networks.html, sharing.html (README.md, N1–N7).
import type { TopologyNode } from '@/lib/topology/types';
import type { AccessStep } from './types';
import { label, shortId, type AccessModel, type NetworkLink, type ServiceLink } from './model';

export interface LinkCheck {
  ok: boolean;
  step: AccessStep;
  /** The id (edge or node) that failed, when not ok. */
  failed?: string;
}

export interface NetworkCandidate {
  serviceNetwork: string;
  link: NetworkLink;
  serviceLink: ServiceLink;
  ok: boolean;
  steps: AccessStep[];
  failed?: string;
  nodes: string[];
  edges: string[];
}

export interface NetworkAnswer {
  candidates: NetworkCandidate[];
  /** When no network joins the two: the failing step and the element to show in red. */
  none?: { step: AccessStep; failed: string; nodes: string[]; edges: string[] };
}

const activeLink = (status: string) => /^(active|available)$/i.test(status);

type ShareState = { ok: boolean; detail: string; resource?: string; pending?: boolean };

/**
 * Is resource `resourceId` (owned by another account) usable by `account`? (sharing.html:
 * the consumer must accept the share unless RAM sharing with AWS Organizations is enabled.)
 */
export function shareState(model: AccessModel, resource: TopologyNode | undefined, resourceId: string, account: string): ShareState {
  const owner = resource?.account ?? '';
  if (!owner || owner === account) return { ok: true, detail: '' };
  const name = label(resource, resourceId);
  const shares = model.sharesOf.get(resourceId) ?? [];
  let pending: ShareState | undefined;
  for (const s of shares) {
    for (const p of s.principals) {
      if (p.principal === account) {
        const inv = model.invitations.get(`${s.arn}|${account}`);
        if (inv && /^PENDING$/i.test(inv.status)) {
          pending = { ok: false, pending: true, resource: inv.arn, detail: `${name} is shared with account ${account} by RAM share ${s.name}, but the invitation is still PENDING: the account must accept it first` };
          continue;
        }
        if (p.designed) {
          return { ok: true, resource: s.arn, detail: `${name} is shared with account ${account} by RAM share ${s.name} as the design sets it (outside the organization, the account must accept the invitation first)` };
        }
        if (/^ASSOCIATED$/i.test(p.status)) {
          return { ok: true, resource: s.arn, detail: `${name} is shared with account ${account} by RAM share ${s.name} (${inv ? 'invitation accepted' : 'within the organization, no invitation needed'})` };
        }
        pending ??= { ok: false, pending: true, resource: s.arn, detail: `${name} is shared with account ${account} by RAM share ${s.name}, whose principal association is ${p.status || 'not complete'}: the share is not in force yet` };
        continue;
      }
      const orgId = model.orgIdOfArn.get(p.principal);
      if (orgId && model.orgMembers.get(orgId)?.has(account) && /^ASSOCIATED$/i.test(p.status)) {
        return { ok: true, resource: s.arn, detail: `${name} is shared with organization ${orgId}, which account ${account} belongs to, by RAM share ${s.name}` };
      }
    }
  }
  if (pending) return pending;
  if (resource?.seenBy.includes(account)) return { ok: true, detail: `${name} is shared with account ${account} (its discovery sees it)` };
  return { ok: false, detail: `${name} belongs to account ${owner} and is not shared with account ${account}` };
}

function sgText(link: NetworkLink): string {
  if (link.securityGroups.length) return `; security groups ${link.securityGroups.join(', ')} must let the client reach the listener port`;
  return link.kind === 'association' ? '; its security groups were not read, so they are not checked' : '';
}

/** The VPC → network link: exists, active, and (cross-account) shared. Depends on VPC and link only. */
export function checkVpcLink(model: AccessModel, vpc: TopologyNode, link: NetworkLink): LinkCheck {
  const sn = model.byId.get(link.serviceNetwork);
  const snName = label(sn, link.serviceNetwork);
  const vpcName = label(vpc, vpc.id);
  const what = link.kind === 'association' ? `VPC association ${shortId(link.id)}` : `service-network VPC endpoint ${shortId(link.id)}`;
  if (!activeLink(link.status)) {
    return {
      ok: false,
      failed: link.kind === 'association' ? link.id : (link.edges[link.edges.length - 1] ?? link.id),
      step: { check: 'network', result: 'fail', resource: link.id, detail: `VPC ${vpcName} is linked to service network ${snName} by ${what}, but it is ${link.status || 'of unknown status'}, not ${link.kind === 'association' ? 'ACTIVE' : 'Available'}.` },
    };
  }
  const share = shareState(model, sn, link.serviceNetwork, vpc.account);
  if (!share.ok) {
    return {
      ok: false,
      failed: link.kind === 'association' ? link.id : (link.edges[link.edges.length - 1] ?? link.id),
      step: { check: 'network', result: 'fail', resource: share.resource ?? link.serviceNetwork, detail: `VPC ${vpcName} is linked to service network ${snName} by ${what}, but ${share.detail}.` },
    };
  }
  const how = link.kind === 'association' ? `is associated with service network ${snName} (${what}, ${link.status})` : `reaches service network ${snName} through ${what} (${link.status})`;
  return { ok: true, step: { check: 'network', result: 'pass', resource: link.id, detail: `VPC ${vpcName} ${how}${sgText(link)}${share.detail ? `; ${share.detail}` : ''}.` } };
}

/** The network → service link: active, and the service usable by the network's owner (or the network by the service's). */
export function checkServiceLink(model: AccessModel, service: TopologyNode, link: ServiceLink): LinkCheck {
  const sn = model.byId.get(link.serviceNetwork);
  const snName = label(sn, link.serviceNetwork);
  const svcName = label(service, service.id);
  if (!/^active$/i.test(service.status)) {
    return { ok: false, failed: service.id, step: { check: 'network', result: 'fail', resource: service.id, detail: `Service ${svcName} is ${service.status}, not ACTIVE, so it takes no requests yet.` } };
  }
  if (!activeLink(link.status)) {
    return { ok: false, failed: link.id, step: { check: 'network', result: 'fail', resource: link.id, detail: `Service ${svcName} is associated with service network ${snName} (${shortId(link.id)}), but the association is ${link.status || 'of unknown status'}, not ACTIVE.` } };
  }
  let shareNote = '';
  if (sn && sn.account && service.account && sn.account !== service.account) {
    const a = shareState(model, sn, link.serviceNetwork, service.account);
    const b = a.ok ? a : shareState(model, service, service.id, sn.account);
    if (!b.ok) {
      const s = a.pending ? a : b.pending ? b : a;
      return { ok: false, failed: link.id, step: { check: 'network', result: 'fail', resource: s.resource ?? link.id, detail: `Service ${svcName} is associated with service network ${snName} across accounts, but ${s.detail}.` } };
    }
    shareNote = b.detail ? `; ${b.detail}` : '';
  }
  return { ok: true, step: { check: 'network', result: 'pass', resource: link.id, detail: `Service ${svcName} is associated with service network ${snName} (${shortId(link.id)}, ${link.status})${shareNote}.` } };
}

const vpcLinkChecks = new WeakMap<NetworkLink, LinkCheck>();
const serviceLinkChecks = new WeakMap<ServiceLink, LinkCheck>();

// A link belongs to one VPC (or one service) of one model, so its check is kept on the link.
function vpcLinkCached(model: AccessModel, vpc: TopologyNode, link: NetworkLink): LinkCheck {
  let c = vpcLinkChecks.get(link);
  if (!c) vpcLinkChecks.set(link, (c = checkVpcLink(model, vpc, link)));
  return c;
}

function serviceLinkCached(model: AccessModel, service: TopologyNode, link: ServiceLink): LinkCheck {
  let c = serviceLinkChecks.get(link);
  if (!c) serviceLinkChecks.set(link, (c = checkServiceLink(model, service, link)));
  return c;
}

/** Every network that could join the VPC to the service, each checked; or why none does. */
export function networkCandidates(model: AccessModel, vpc: TopologyNode, service: TopologyNode): NetworkAnswer {
  const links = model.vpcLinks.get(vpc.id) ?? [];
  const slinks = model.serviceLinks.get(service.id) ?? [];
  const candidates: NetworkCandidate[] = [];
  for (const link of links) {
    for (const sl of slinks) {
      if (sl.serviceNetwork !== link.serviceNetwork) continue;
      const a = vpcLinkCached(model, vpc, link);
      const b = serviceLinkCached(model, service, sl);
      const steps = [a.step, b.step];
      const nodes = [vpc.id, ...link.nodes, link.serviceNetwork, service.id];
      const edges = [...link.edges, sl.id];
      candidates.push({ serviceNetwork: link.serviceNetwork, link, serviceLink: sl, ok: a.ok && b.ok, steps, failed: a.failed ?? b.failed, nodes, edges });
    }
  }
  if (candidates.length) return { candidates };
  return { candidates, none: noNetwork(model, vpc, service, links, slinks) };
}

const snKeys = new WeakMap<readonly ServiceLink[], string>();
const noneByVpc = new WeakMap<TopologyNode, Map<string, NonNullable<NetworkAnswer['none']>>>();

/**
 * Why no network joins the VPC and the service. The answer depends on the VPC and on the
 * networks the service is in (not on the service itself, which it calls "the service"), so it
 * is computed once per pair of those and shared. `nodes` leaves out the service; the caller adds it.
 */
export function noNetwork(model: AccessModel, vpc: TopologyNode, service: TopologyNode, links: readonly NetworkLink[], slinks: readonly ServiceLink[]): NonNullable<NetworkAnswer['none']> {
  if (!slinks.length) {
    const key = `none|${service.id}`;
    let hit = model.memo.get(key) as NetworkAnswer['none'];
    if (!hit) {
      hit = { failed: service.id, nodes: [vpc.id], edges: [], step: { check: 'network', result: 'fail', resource: service.id, detail: `Service ${label(service, service.id)} is not associated with any service network, so no VPC can reach it.` } };
      model.memo.set(key, hit);
    }
    return { ...hit, nodes: [vpc.id] };
  }
  let sk = snKeys.get(slinks);
  if (sk === undefined) snKeys.set(slinks, (sk = slinks.map((l) => l.serviceNetwork).join(',')));
  let perVpc = noneByVpc.get(vpc);
  if (!perVpc) noneByVpc.set(vpc, (perVpc = new Map()));
  const hit = perVpc.get(sk);
  if (hit) return hit;
  const vpcName = label(vpc, vpc.id);
  const netNames = (ids: string[]) => [...new Set(ids)].map((id) => label(model.byId.get(id), id)).join(', ');
  const serviceNets = netNames(slinks.map((l) => l.serviceNetwork));
  let none: NonNullable<NetworkAnswer['none']>;
  if (!links.length) {
    none = {
      failed: vpc.id,
      nodes: [vpc.id],
      edges: [],
      step: { check: 'network', result: 'fail', resource: vpc.id, detail: `VPC ${vpcName} is not connected to any service network (no VPC association and no service-network VPC endpoint); the service is in ${serviceNets}.` },
    };
  } else {
    const assoc = links.find((l) => l.kind === 'association');
    const hint = assoc ? ` A VPC can be associated with only one service network; to reach ${serviceNets} as well, add a service-network VPC endpoint, or associate the service with ${netNames([assoc.serviceNetwork])}.` : '';
    const first = assoc ?? links[0]!;
    none = {
      failed: first.id,
      nodes: [vpc.id, ...first.nodes, first.serviceNetwork],
      edges: [...first.edges],
      step: { check: 'network', result: 'fail', resource: first.id, detail: `VPC ${vpcName} is connected to ${netNames(links.map((l) => l.serviceNetwork))}, which the service is not associated with; the service is in ${serviceNets}.${hint}` },
    };
  }
  perVpc.set(sk, none);
  return none;
}
