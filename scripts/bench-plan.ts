// Benchmark of the plan engine: diff a 10,000-resource live topology against a design with
// 500 changes (updates, creates, deletes and replacements), beside the same diff with no
// change (the baseline: reading the estate as records, keys and fingerprint alone).
//
//   npm run bench:plan [-- --resources 10000 --changes 500 --runs 5]
import { performance } from 'node:perf_hooks';
import { edgeKey, targetKey, type Topology, type TopologyEdge, type TopologyNode } from '@/lib/topology';
import { addRecord, applyPatch, emptyDesign, importLive, liveRecords, removeRecords, setField, type Design } from '@/lib/topology/design';
import { planDiff } from '@/lib/plan';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const RESOURCES = arg('resources', 10_000);
const CHANGES = arg('changes', 500);
const RUNS = arg('runs', 5);
const REGION = 'us-east-1';

/** A live estate as discovery returns it: per service a listener, a rule, a target group and a target (5 resources). */
function syntheticTopology(resources: number): Topology {
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
function editedDesign(topology: Topology, changes: number): { design: Design; counts: Record<string, number> } {
  const live = liveRecords(topology);
  let design = applyPatch(emptyDesign('100000000000', REGION), importLive(emptyDesign('100000000000', REGION), live));
  const services = live.filter((r) => r.kind === 'service');
  const rules = live.filter((r) => r.kind === 'rule');
  const groups = live.filter((r) => r.kind === 'targetGroup');
  const targets = live.filter((r) => r.kind === 'target');
  const counts = { update: Math.round(changes * 0.4), create: Math.round(changes * 0.3), delete: Math.round(changes * 0.2), replace: 0 };
  counts.replace = changes - counts.update - counts.create - counts.delete;
  for (let i = 0; i < counts.update; i++) design = applyPatch(design, setField(design, rules[i * 7].id, ['priority'], 20));
  for (let i = 0; i < counts.create; i++) design = applyPatch(design, addRecord(design, { kind: 'service', account: services[i].account, spec: { name: `new-service-${i}` } }).patch);
  design = applyPatch(design, removeRecords(design, targets.slice(-counts.delete).map((t) => t.id)));
  for (let i = 0; i < counts.replace; i++) design = applyPatch(design, setField(design, groups[i * 11].id, ['config', 'port'], 9090));
  return { design, counts };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const topology = syntheticTopology(RESOURCES);
const resources = topology.nodes.length + topology.edges.filter((e) => e.kind === 'serviceNetworkService').length;
const unchanged = applyPatch(emptyDesign('100000000000', REGION), importLive(emptyDesign('100000000000', REGION), liveRecords(topology)));
const { design, counts } = editedDesign(topology, CHANGES);

const baseline: number[] = [];
const changed: number[] = [];
/** Per phase of planDiff, the milliseconds of each measured run (no-change and changed plans apart). */
const phases = { baseline: new Map<string, number[]>(), changed: new Map<string, number[]>() };
const recorder = (into: Map<string, number[]>, measured: boolean) => (phase: string, ms: number) => {
  if (measured) into.set(phase, [...(into.get(phase) ?? []), ms]);
};
let operations = 0;
let summary = {};
for (let i = 0; i < RUNS + 1; i++) {
  const a = time(() => planDiff(unchanged, topology, { onPhase: recorder(phases.baseline, i > 0) }));
  const b = time(() => planDiff(design, topology, { onPhase: recorder(phases.changed, i > 0) }));
  if (a.value.operations.length !== 0) throw new Error(`the unchanged design planned ${a.value.operations.length} operations`);
  if (i === 0) continue; // warm-up
  baseline.push(a.ms);
  changed.push(b.ms);
  operations = b.value.operations.length;
  summary = b.value.summary;
}

console.log(`bench:plan  ${resources} live resources (${topology.nodes.length} nodes, ${topology.edges.length} edges), Node ${process.version}, median of ${RUNS} runs`);
console.log(`  design changes: ${counts.update} updates, ${counts.create} creates, ${counts.delete} deletes, ${counts.replace} replacements (cascading to their listeners, rules and targets)`);
console.log(`  plan: ${operations} operations ${JSON.stringify(summary)}`);
console.log(`  no-change plan (baseline): ${median(baseline).toFixed(0)} ms`);
console.log(`  ${CHANGES}-change plan:         ${median(changed).toFixed(0)} ms  (min ${Math.min(...changed).toFixed(0)}, max ${Math.max(...changed).toFixed(0)})`);

console.log('\n  where the time went (median ms per phase; phases under 1 ms in both plans left out):');
console.log(`  ${'phase'.padEnd(28)} ${'no-change'.padStart(9)} ${`${CHANGES}-change`.padStart(10)}`);
for (const [phase, runs] of phases.changed) {
  const base = median(phases.baseline.get(phase) ?? [0]);
  const change = median(runs);
  if (base < 1 && change < 1) continue;
  console.log(`  ${phase.padEnd(28)} ${base.toFixed(1).padStart(9)} ${change.toFixed(1).padStart(10)}`);
}
const outside = median(changed) - [...phases.changed.values()].reduce((sum, runs) => sum + median(runs), 0);
console.log(`  ${'(outside the phases)'.padEnd(28)} ${(median(baseline) - [...phases.baseline.values()].reduce((sum, runs) => sum + median(runs), 0)).toFixed(1).padStart(9)} ${outside.toFixed(1).padStart(10)}`);
