// A synthetic live estate and a design with edits spread over it, the same shape at any
// size: the plan benchmark measures planDiff on it, and the equivalence test pins planDiff's
// output on a small one.
import { edgeKey, targetKey, type Topology, type TopologyEdge, type TopologyNode } from '@/lib/topology';
import { addRecord, applyPatch, emptyDesign, importLive, liveRecords, removeRecords, setField, type Design } from '@/lib/topology/design';

const REGION = 'us-east-1';

/** A live estate as discovery returns it: per service a listener, a rule, a target group and a target (5 resources). */
export function syntheticTopology(resources: number): Topology {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const accounts = 10;
  const perService = 5;
  const services = Math.floor((resources - accounts) / perService);
  const arn = (account: string, r: string) => `arn:aws:vpc-lattice:${REGION}:${account}:${r}`;
  const node = (n: Omit<TopologyNode, 'region' | 'status' | 'tags' | 'seenBy'> & Partial<TopologyNode>): TopologyNode => ({ region: REGION, status: 'ACTIVE', tags: {}, seenBy: [n.account], ...n });
  for (let a = 0; a < accounts; a++) {
    const account = String(100000000000 + a);
    const sn = arn(account, `servicenetwork/sn-${String(a).padStart(17, '0')}`);
    nodes.push(node({ id: sn, kind: 'serviceNetwork', account, name: `network-${a}`, description: { name: `network-${a}`, authType: 'NONE' } }));
    for (let s = a; s < services; s += accounts) {
      const id = String(s).padStart(17, '0');
      const svc = arn(account, `service/svc-${id}`);
      const tg = arn(account, `targetgroup/tg-${id}`);
      const listener = `${svc}/listener/listener-${id}`;
      const rule = `${listener}/rule/rule-${id}`;
      const forward = { forward: { targetGroups: [{ targetGroupIdentifier: tg, weight: 100 }] } };
      nodes.push(node({ id: svc, kind: 'service', account, name: `svc-${s}`, tags: { team: `t${s % 7}` }, description: { name: `svc-${s}`, authType: 'NONE' } }));
      nodes.push(node({ id: listener, kind: 'listener', account, name: 'http-80', parent: svc, description: { name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: forward } }));
      nodes.push(node({ id: rule, kind: 'rule', account, name: 'api', parent: listener, description: { name: 'api', isDefault: false, priority: 10, match: { httpMatch: { pathMatch: { match: { prefix: '/api' } } } }, action: forward } }));
      nodes.push(node({ id: tg, kind: 'targetGroup', account, name: `tg-${s}`, description: { name: `tg-${s}`, type: 'IP', config: { port: 8080, protocol: 'HTTP', vpcIdentifier: 'vpc-0123456789abcdef0' } } }));
      const t = targetKey(tg, `10.${a}.${Math.floor(s / 250) % 250}.${s % 250}`, 8080);
      nodes.push(node({ id: t, kind: 'target', account, name: 't', parent: tg, description: { id: `10.${a}.${Math.floor(s / 250) % 250}.${s % 250}`, port: 8080 } }));
      edges.push({ id: arn(account, `servicenetworkserviceassociation/snsa-${id}`), kind: 'serviceNetworkService', source: sn, target: svc, account, status: 'ACTIVE' });
      edges.push({ id: edgeKey('forward', listener, tg), kind: 'forward', source: listener, target: tg, weight: 100 });
    }
  }
  return { nodes, edges, errors: [] };
}

/** The live estate as a design, with `changes` edits spread over it. */
export function editedDesign(topology: Topology, changes: number): { design: Design; counts: Record<string, number> } {
  const live = liveRecords(topology);
  let design = applyPatch(emptyDesign('100000000000', REGION), importLive(emptyDesign('100000000000', REGION), live));
  const services = live.filter((r) => r.kind === 'service');
  const rules = live.filter((r) => r.kind === 'rule');
  const groups = live.filter((r) => r.kind === 'targetGroup');
  const targets = live.filter((r) => r.kind === 'target');
  const counts = { update: Math.round(changes * 0.4), create: Math.round(changes * 0.3), delete: Math.round(changes * 0.2), replace: 0 };
  counts.replace = changes - counts.update - counts.create - counts.delete;
  for (let i = 0; i < counts.update; i++) design = applyPatch(design, setField(design, rules[i * 7].id, ['priority'], 20));
  for (let i = 0; i < counts.create; i++) design = applyPatch(design, addRecord(design, { kind: 'service', account: services[i].account, spec: { name: `new-service-${i}` } }, { newId: () => `new-service-${i}` }).patch);
  design = applyPatch(design, removeRecords(design, targets.slice(-counts.delete).map((t) => t.id)));
  for (let i = 0; i < counts.replace; i++) design = applyPatch(design, setField(design, groups[i * 11].id, ['config', 'port'], 9090));
  return { design, counts };
}
