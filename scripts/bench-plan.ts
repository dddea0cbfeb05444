// Benchmark of the plan engine: diff a 10,000-resource live topology against a design with
// 500 changes (updates, creates, deletes and replacements), beside the same diff with no
// change (the baseline: reading the estate as records, keys and fingerprint alone).
//
//   npm run bench:plan [-- --resources 10000 --changes 500 --runs 5]
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { applyPatch, emptyDesign, importLive, liveRecords } from '@/lib/topology/design';
import { planDiff } from '@/lib/plan';
import { editedDesign, syntheticTopology } from '@/lib/plan/synthetic-estate';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const RESOURCES = arg('resources', 10_000);
const CHANGES = arg('changes', 500);
const RUNS = arg('runs', 5);
const REGION = 'us-east-1';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall time, and the process's CPU time beside it: on a shared machine the wall time includes waiting for a core. */
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, value };
}

const topology = syntheticTopology(RESOURCES);
const resources = topology.nodes.length + topology.edges.filter((e) => e.kind === 'serviceNetworkService').length;
const unchanged = applyPatch(emptyDesign('100000000000', REGION), importLive(emptyDesign('100000000000', REGION), liveRecords(topology)));
const { design, counts } = editedDesign(topology, CHANGES);

const baseline: number[] = [];
const changed: number[] = [];
const baselineCpu: number[] = [];
const changedCpu: number[] = [];
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
  baselineCpu.push(a.cpuMs);
  changedCpu.push(b.cpuMs);
  operations = b.value.operations.length;
  summary = b.value.summary;
}

console.log(`bench:plan  ${resources} live resources (${topology.nodes.length} nodes, ${topology.edges.length} edges), Node ${process.version}, median of ${RUNS} runs`);
console.log(`  design changes: ${counts.update} updates, ${counts.create} creates, ${counts.delete} deletes, ${counts.replace} replacements (cascading to their listeners, rules and targets)`);
console.log(`  plan: ${operations} operations ${JSON.stringify(summary)}`);
console.log(`  load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores`);
console.log(`  no-change plan (baseline): ${median(baseline).toFixed(0)} ms wall, ${median(baselineCpu).toFixed(0)} ms CPU`);
console.log(`  ${CHANGES}-change plan:         ${median(changed).toFixed(0)} ms wall, ${median(changedCpu).toFixed(0)} ms CPU  (wall min ${Math.min(...changed).toFixed(0)}, max ${Math.max(...changed).toFixed(0)})`);

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
