// The Topology a design would produce: the live estate with the design's records applied
// (new ones added, changed ones updated, removed ones taken away with what they contain), so
// the same evaluator answers "can A call B?" for a design before it is applied. Records are
// matched to live resources by natural key, as the plan does (lib/plan/diff.ts), so a record
// taken from the estate keeps its live id and a new record is known by its record id (`new-…`),
// the ids the designer's canvas draws.
import { targetKey } from '@/lib/topology/arn';
import type { Json, JsonObject, Topology, TopologyEdge, TopologyNode } from '@/lib/topology/types';
import { createKeyResolver, liveRecords, type Design, type DesignRecord } from '@/lib/topology/design';

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: Json | undefined): JsonObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);

function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * The estate as it would be once `design` is applied to `live`. New resources are ACTIVE
 * (associations ACTIVE, endpoints Available) and new targets are taken as healthy: the design
 * as intended. Sharing edits of the design are not applied (a cross-account link still needs
 * the live share).
 */
export function desiredTopology(design: Design, live: Topology): Topology {
  const liveRecs = liveRecords(live);
  const liveById = new Map(liveRecs.map((r) => [r.id, r]));
  const liveResolver = createKeyResolver(liveById);
  const liveByKey = new Map<string, DesignRecord>();
  for (const r of liveRecs) liveByKey.set(liveResolver.keyOfRecord(r), r);
  const records = Object.values(design.records);
  const designResolver = createKeyResolver(new Map(Object.entries(design.records)), liveById);

  // Record id → the id its node or edge has in the desired Topology.
  const idOf = new Map<string, string>();
  for (const r of records) {
    const match = liveByKey.get(designResolver.keyOfRecord(r));
    idOf.set(r.id, match ? match.id : r.id);
  }
  const resolve = (ref: Json | undefined): string | undefined => {
    const s = str(ref);
    if (!s) return undefined;
    return idOf.get(s) ?? s;
  };

  const nodes = new Map<string, TopologyNode>();
  for (const n of live.nodes) nodes.set(n.id, { ...n, description: { ...n.description }, tags: { ...n.tags }, seenBy: [...n.seenBy] });
  let edges: TopologyEdge[] = live.edges.map((e) => ({ ...e }));

  // VPCs by id, for associations and endpoints that name them by `vpc-…`.
  const vpcNode = (account: string, vpcId: string | undefined): string | undefined => {
    if (!vpcId) return undefined;
    if (nodes.get(vpcId)?.kind === 'vpc') return vpcId;
    let any: string | undefined;
    for (const n of nodes.values()) {
      if (n.kind !== 'vpc') continue;
      const id = n.resourceId ?? n.id.slice(n.id.lastIndexOf('/') + 1);
      if (id === vpcId) {
        if (n.account === account) return n.id;
        any ??= n.id;
      }
    }
    return any ?? `vpc:${vpcId}`;
  };

  // Removals first: the node or edge, and what it contains.
  const removed = new Set<string>();
  for (const r of records) {
    if (!r.removed) continue;
    const id = idOf.get(r.id) ?? r.id;
    if (r.kind === 'authPolicy') {
      const owner = resolve(r.spec.resourceIdentifier);
      const n = owner ? nodes.get(owner) : undefined;
      if (n) delete n.authPolicy;
      continue;
    }
    removed.add(id);
  }
  if (removed.size) {
    // Children through `parent`, to a fixed point.
    let grew = true;
    while (grew) {
      grew = false;
      for (const n of nodes.values()) {
        if (!removed.has(n.id) && n.parent && removed.has(n.parent)) {
          removed.add(n.id);
          grew = true;
        }
      }
    }
    for (const id of removed) nodes.delete(id);
    edges = edges.filter((e) => !removed.has(e.id) && !removed.has(e.source) && !removed.has(e.target));
  }

  const setEdge = (e: TopologyEdge) => {
    edges = edges.filter((x) => x.id !== e.id);
    edges.push(e);
  };
  const forwardEdges = (source: string, action: JsonObject | undefined) => {
    edges = edges.filter((e) => !(e.kind === 'forward' && e.source === source));
    const groups = Array.isArray(obj(action?.forward)?.targetGroups) ? (obj(action!.forward)!.targetGroups as Json[]) : [];
    for (const g of groups) {
      const tg = str(obj(g)?.targetGroupIdentifier);
      if (!tg) continue;
      const w = obj(g)?.weight;
      edges.push({ id: `forward:${source}->${tg}`, kind: 'forward', source, target: tg, ...(typeof w === 'number' ? { weight: w } : {}) });
    }
  };
  const resolvedAction = (a: Json | undefined): JsonObject | undefined => {
    const act = cloneJson(obj(a));
    const fwd = obj(act?.forward);
    if (fwd && Array.isArray(fwd.targetGroups)) {
      fwd.targetGroups = fwd.targetGroups.map((g) => {
        const o = obj(g) ?? {};
        return { ...o, targetGroupIdentifier: resolve(o.targetGroupIdentifier) ?? '' };
      });
    }
    return act;
  };
  const upsert = (r: DesignRecord, id: string, kind: TopologyNode['kind'], fields: Partial<TopologyNode>, description: JsonObject) => {
    const existing = nodes.get(id);
    if (existing) {
      Object.assign(existing.description, description);
      if (fields.name) existing.name = fields.name;
      if (fields.parent) existing.parent = fields.parent;
      if (r.tags) existing.tags = { ...r.tags };
      return existing;
    }
    const n: TopologyNode = { id, kind, account: r.account, region: r.region, name: fields.name ?? '', status: fields.status ?? 'ACTIVE', tags: { ...(r.tags ?? {}) }, seenBy: [r.account], description: { ...description }, ...(fields.parent ? { parent: fields.parent } : {}) };
    nodes.set(id, n);
    return n;
  };

  const active = records.filter((r) => !r.removed);
  // Containers before their contents, policies last.
  const order: DesignRecord['kind'][] = ['serviceNetwork', 'service', 'targetGroup', 'listener', 'rule', 'target', 'serviceNetworkServiceAssociation', 'serviceNetworkVpcAssociation', 'serviceNetworkVpcEndpoint', 'authPolicy'];
  for (const kind of order) {
    for (const r of active) {
      if (r.kind !== kind) continue;
      const id = idOf.get(r.id) ?? r.id;
      const s = r.spec;
      switch (r.kind) {
        case 'serviceNetwork':
        case 'service':
          upsert(r, id, r.kind, { name: str(s.name) }, { name: str(s.name) ?? '', authType: str(s.authType) ?? 'NONE' });
          break;
        case 'targetGroup':
          upsert(r, id, 'targetGroup', { name: str(s.name) }, { name: str(s.name) ?? '', ...(str(s.type) ? { type: str(s.type)! } : {}), ...(obj(s.config) ? { config: cloneJson(obj(s.config))! } : {}) });
          break;
        case 'listener': {
          const parent = resolve(s.serviceIdentifier);
          const defaultAction = resolvedAction(s.defaultAction);
          upsert(r, id, 'listener', { name: str(s.name), parent }, { name: str(s.name) ?? '', ...(str(s.protocol) ? { protocol: str(s.protocol)! } : {}), ...(typeof s.port === 'number' ? { port: s.port } : {}), ...(defaultAction ? { defaultAction } : {}) });
          if (parent) setEdge({ id: `serviceListener:${parent}->${id}`, kind: 'serviceListener', source: parent, target: id });
          forwardEdges(id, defaultAction);
          break;
        }
        case 'rule': {
          const parent = resolve(s.listenerIdentifier);
          const action = resolvedAction(s.action);
          upsert(r, id, 'rule', { name: str(s.name), parent }, { name: str(s.name) ?? '', isDefault: false, ...(typeof s.priority === 'number' ? { priority: s.priority } : {}), ...(obj(s.match) ? { match: cloneJson(obj(s.match))! } : {}), ...(action ? { action } : {}) });
          if (parent) setEdge({ id: `listenerRule:${parent}->${id}`, kind: 'listenerRule', source: parent, target: id });
          forwardEdges(id, action);
          break;
        }
        case 'target': {
          const tg = resolve(s.targetGroupIdentifier);
          if (!tg) break;
          if (nodes.has(id)) break;
          const tid = str(s.id) ?? '';
          const port = typeof s.port === 'number' ? s.port : undefined;
          const key = id.startsWith('new-') || !id.includes('#target/') ? targetKey(tg, tid, port) : id;
          upsert(r, key, 'target', { name: port === undefined ? tid : `${tid}:${port}`, parent: tg, status: 'HEALTHY' }, { id: tid, ...(port !== undefined ? { port } : {}), status: 'HEALTHY', reasonCode: 'AssumedHealthyInDesign' });
          setEdge({ id: `targetGroupTarget:${tg}->${key}`, kind: 'targetGroupTarget', source: tg, target: key });
          break;
        }
        case 'serviceNetworkServiceAssociation': {
          const sn = resolve(s.serviceNetworkIdentifier);
          const svc = resolve(s.serviceIdentifier);
          if (!sn || !svc) break;
          const prev = edges.find((e) => e.id === id);
          setEdge({ id, kind: 'serviceNetworkService', source: sn, target: svc, account: r.account, status: prev?.status ?? 'ACTIVE', description: prev?.description ?? {} });
          break;
        }
        case 'serviceNetworkVpcAssociation': {
          const sn = resolve(s.serviceNetworkIdentifier);
          const vpc = vpcNode(r.account, str(s.vpcIdentifier));
          if (!sn || !vpc) break;
          if (!nodes.has(vpc)) nodes.set(vpc, { id: vpc, kind: 'vpc', account: r.account, region: r.region, name: str(s.vpcIdentifier) ?? vpc, status: 'available', resourceId: str(s.vpcIdentifier), tags: {}, seenBy: [r.account], external: true, description: {} });
          const prev = edges.find((e) => e.id === id);
          const sgs = Array.isArray(s.securityGroupIds) ? s.securityGroupIds : undefined;
          setEdge({ id, kind: 'serviceNetworkVpc', source: sn, target: vpc, account: r.account, status: prev?.status ?? 'ACTIVE', description: { ...(prev?.description ?? {}), ...(sgs ? { securityGroupIds: cloneJson(sgs) } : {}) } });
          break;
        }
        case 'serviceNetworkVpcEndpoint': {
          const sn = resolve(s.ServiceNetworkArn);
          const vpc = vpcNode(r.account, str(s.VpcId));
          if (!sn || !vpc) break;
          const groups = (Array.isArray(s.SecurityGroupIds) ? s.SecurityGroupIds : []).filter((g): g is string => typeof g === 'string').map((g) => ({ GroupId: g }));
          const existing = nodes.get(id);
          upsert(r, id, 'vpcEndpoint', { name: existing?.name ?? `endpoint to ${sn.slice(sn.lastIndexOf('/') + 1)}`, parent: vpc, status: 'Available' }, { VpcEndpointType: 'ServiceNetwork', VpcId: str(s.VpcId) ?? '', ServiceNetworkArn: sn, Groups: groups });
          if (!edges.some((e) => e.kind === 'vpcEndpointVpc' && e.source === id)) setEdge({ id: `${id}:vpc`, kind: 'vpcEndpointVpc', source: id, target: vpc });
          edges = edges.filter((e) => !(e.kind === 'vpcEndpointServiceNetwork' && e.source === id && e.target !== sn));
          if (!edges.some((e) => e.kind === 'vpcEndpointServiceNetwork' && e.source === id)) setEdge({ id: `${id}:sn`, kind: 'vpcEndpointServiceNetwork', source: id, target: sn, status: 'Available' });
          break;
        }
        case 'authPolicy': {
          const owner = resolve(s.resourceIdentifier);
          const n = owner ? nodes.get(owner) : undefined;
          if (!n) break;
          const text = typeof s.policy === 'string' ? s.policy.replace(/\$\{(service|serviceNetwork)\.arn\}/g, n.id) : s.policy;
          let policy: Json = text ?? null;
          if (typeof text === 'string') {
            try {
              policy = JSON.parse(text) as Json;
            } catch {
              policy = text;
            }
          }
          n.authPolicy = { state: n.description.authType === 'AWS_IAM' ? 'Active' : 'Inactive', policy };
          break;
        }
      }
    }
  }
  edges = applyShareEdits(design, nodes, edges);
  return { nodes: [...nodes.values()], edges, errors: [...live.errors], ...(live.discoveredAt ? { discoveredAt: live.discoveredAt } : {}) };
}

/** RAM principals as the topology keys them: accounts as their root ARN, organizations and OUs as their ARN. */
function principalNodeId(principal: string): string {
  return /^\d{12}$/.test(principal) ? `arn:aws:iam::${principal}:root` : principal;
}

/**
 * The design's sharing edits (lib/sharing ShareEdit: share, update, stop) applied to the
 * shares. A principal added by the design is marked `designed`: it is in force once applied
 * and, outside the organization, once the receiving account accepts the invitation.
 */
function applyShareEdits(design: Design, nodes: Map<string, TopologyNode>, edges: TopologyEdge[]): TopologyEdge[] {
  const edits = Array.isArray(design.shares) ? design.shares : [];
  const addPrincipal = (share: string, principal: string) => {
    const id = principalNodeId(principal);
    if (!nodes.has(id)) {
      const account = /^\d{12}$/.test(principal) ? principal : '';
      nodes.set(id, { id, kind: 'principal', account, region: '', name: principal, status: 'ACTIVE', tags: {}, seenBy: [], description: { principal } });
    }
    edges = edges.filter((e) => !(e.kind === 'sharePrincipal' && e.source === share && e.target === id));
    edges.push({ id: `sharePrincipal:${share}->${id}`, kind: 'sharePrincipal', source: share, target: id, status: 'ASSOCIATED', description: { designed: true } });
  };
  const addResource = (share: string, resource: string) => {
    const target = resource;
    edges = edges.filter((e) => !(e.kind === 'shareResource' && e.source === share && e.target === target));
    edges.push({ id: `shareResource:${share}->${target}`, kind: 'shareResource', source: share, target, status: 'ASSOCIATED' });
  };
  // Accounts a share stops reaching no longer see its resources (discovery's seenBy would drop them).
  const unsee = (share: string, principals: string[]) => {
    const accounts = new Set(principals.map((p) => /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(p)?.[1]).filter((a): a is string => !!a));
    if (!accounts.size) return;
    for (const e of edges) {
      if (e.kind !== 'shareResource' || e.source !== share) continue;
      const n = nodes.get(e.target);
      if (n) n.seenBy = n.seenBy.filter((a) => a === n.account || !accounts.has(a));
    }
  };
  const strs = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  edits.forEach((edit, i) => {
    const action = str(edit.action);
    if (action === 'share') {
      const resources = strs(edit.resourceArns);
      const owner = resources[0]?.split(':')[4] ?? design.defaults.account;
      const region = resources[0]?.split(':')[3] ?? design.defaults.region;
      const id = `design-share:${i}:${str(edit.name) ?? ''}`;
      nodes.set(id, { id, kind: 'resourceShare', account: owner, region, name: str(edit.name) ?? `share ${i + 1}`, status: 'ACTIVE', tags: {}, seenBy: [owner], description: { name: str(edit.name) ?? '', designed: true } });
      for (const r of resources) addResource(id, r);
      for (const p of strs(edit.principals)) addPrincipal(id, p);
    } else if (action === 'update') {
      const share = str(edit.shareArn);
      if (!share) return;
      for (const r of strs(edit.addResources)) addResource(share, r);
      for (const p of strs(edit.addPrincipals)) addPrincipal(share, p);
      const goneR = new Set(strs(edit.removeResources));
      const goneP = new Set(strs(edit.removePrincipals).map(principalNodeId));
      unsee(share, [...goneP]);
      edges = edges.filter((e) => !(e.source === share && ((e.kind === 'shareResource' && goneR.has(e.target)) || (e.kind === 'sharePrincipal' && goneP.has(e.target)))));
    } else if (action === 'stop') {
      const share = str(edit.shareArn);
      if (!share) return;
      unsee(share, edges.filter((e) => e.kind === 'sharePrincipal' && e.source === share).map((e) => e.target));
      nodes.delete(share);
      edges = edges.filter((e) => e.source !== share && e.target !== share);
    }
  });
  return edges;
}
