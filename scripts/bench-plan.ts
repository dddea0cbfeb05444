// Benchmark of the plan engine: diff a 10,000-resource live topology against a design with
// 500 changes (updates, creates, deletes and replacements), beside the same diff with no
// change (the baseline: reading the estate as records, keys and fingerprint alone).
//
//   npm run bench:plan [-- --resources 10000 --changes 500 --runs 5 --before <git ref> --rounds 2]
//
// With `--before` (by default the last commit before the engine's speed work), the plan
// engine of that commit is measured beside the working tree's, in alternating rounds (the
// machine is shared: alternating puts both under the same load), and both are printed with
// where the time went. `--before none` measures the working tree alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyPatch, emptyDesign, importLive, liveRecords } from '@/lib/topology/design';
import { planDiff } from '@/lib/plan';
import { editedDesign, syntheticTopology } from '@/lib/plan/synthetic-estate';

/** The plan engine before its speed work (the phase breakdown of bench:plan exists since then). */
const DEFAULT_BEFORE = '6b81929';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const RESOURCES = Number(arg('resources', '10000'));
const CHANGES = Number(arg('changes', '500'));
const RUNS = Number(arg('runs', '5'));
const ROUNDS = Number(arg('rounds', '2'));
const REGION = 'us-east-1';

/** What one process measured: per plan, wall and CPU milliseconds of each run and of each phase. */
interface Measured {
  resources: number;
  nodes: number;
  edges: number;
  counts: Record<string, number>;
  operations: number;
  summary: Record<string, number>;
  load: number[];
  noChange: PlanRuns;
  changed: PlanRuns;
}
interface PlanRuns {
  wall: number[];
  cpu: number[];
  phases: Record<string, number[]>;
}

function median(values: number[]): number {
  if (!values.length) return 0;
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

/** Runs both plans RUNS times (after a warm-up) in this process, with the engine this checkout holds. */
function measure(): Measured {
  const topology = syntheticTopology(RESOURCES);
  const resources = topology.nodes.length + topology.edges.filter((e) => e.kind === 'serviceNetworkService').length;
  const unchanged = applyPatch(emptyDesign('100000000000', REGION), importLive(emptyDesign('100000000000', REGION), liveRecords(topology)));
  const { design, counts } = editedDesign(topology, CHANGES);
  const empty = (): PlanRuns => ({ wall: [], cpu: [], phases: {} });
  const out: Measured = { resources, nodes: topology.nodes.length, edges: topology.edges.length, counts, operations: 0, summary: {}, load: loadavg(), noChange: empty(), changed: empty() };
  // Phases are told apart by the process's CPU time between the ends of consecutive phases:
  // on a loaded machine a phase's wall time is mostly the wait for a core.
  let lastCpu = process.cpuUsage();
  const cpuNow = () => {
    const used = process.cpuUsage(lastCpu);
    lastCpu = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  const recorder = (into: PlanRuns, measured: boolean) => {
    cpuNow();
    return (phase: string) => {
      const ms = cpuNow();
      if (measured) (into.phases[phase] ??= []).push(ms);
    };
  };
  for (let i = 0; i < RUNS + 1; i++) {
    const a = time(() => planDiff(unchanged, topology, { onPhase: recorder(out.noChange, i > 0) }));
    const b = time(() => planDiff(design, topology, { onPhase: recorder(out.changed, i > 0) }));
    if (a.value.operations.length !== 0) throw new Error(`the unchanged design planned ${a.value.operations.length} operations`);
    if (i === 0) continue; // warm-up
    out.noChange.wall.push(a.ms);
    out.noChange.cpu.push(a.cpuMs);
    out.changed.wall.push(b.ms);
    out.changed.cpu.push(b.cpuMs);
    out.operations = b.value.operations.length;
    out.summary = b.value.summary as unknown as Record<string, number>;
  }
  return out;
}

/** The repository at `ref`, with this script in it (the same harness over the older engine). */
function checkout(ref: string): string {
  const root = resolve(__dirname, '..');
  const dir = mkdtempSync(join(tmpdir(), 'bench-plan-'));
  const archive = execFileSync('git', ['-C', root, 'archive', ref, 'lib', 'tsconfig.json', 'package.json'], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  cpSync(join(root, 'scripts', 'bench-plan.ts'), join(dir, 'scripts', 'bench-plan.ts'));
  return dir;
}

/** Measures in a child process run from `cwd` (this checkout or an older one). */
function child(cwd: string): Measured {
  const args = ['--import', 'tsx', join(cwd, 'scripts', 'bench-plan.ts'), '--child', '--resources', String(RESOURCES), '--changes', String(CHANGES), '--runs', String(RUNS)];
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`bench:plan in ${cwd} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured;
}

/** Several processes' runs as one. */
function merged(all: Measured[]): Measured {
  const join = (pick: (m: Measured) => PlanRuns): PlanRuns => {
    const out: PlanRuns = { wall: [], cpu: [], phases: {} };
    for (const m of all) {
      const r = pick(m);
      out.wall.push(...r.wall);
      out.cpu.push(...r.cpu);
      for (const [phase, ms] of Object.entries(r.phases)) (out.phases[phase] ??= []).push(...ms);
    }
    return out;
  };
  return { ...all[0], noChange: join((m) => m.noChange), changed: join((m) => m.changed) };
}

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const loads = (m: Measured[]) => m.map((x) => x.load[0].toFixed(1)).join(', ');

function printHeader(m: Measured): void {
  console.log(`bench:plan  ${m.resources} live resources (${m.nodes} nodes, ${m.edges} edges), Node ${process.version}, ${cpus().length} cores`);
  console.log(`  design changes: ${m.counts.update} updates, ${m.counts.create} creates, ${m.counts.delete} deletes, ${m.counts.replace} replacements (cascading to their listeners, rules and targets)`);
  console.log(`  plan: ${m.operations} operations ${JSON.stringify(m.summary)}`);
}

function printAlone(all: Measured[]): void {
  const m = merged(all);
  printHeader(m);
  console.log(`  load average (1 min) at the start of each process: ${loads(all)}; median of ${m.changed.wall.length} runs`);
  console.log(`  no-change plan: ${f0(median(m.noChange.wall))} ms wall, ${f0(median(m.noChange.cpu))} ms CPU`);
  console.log(`  ${CHANGES}-change plan: ${f0(median(m.changed.wall))} ms wall, ${f0(median(m.changed.cpu))} ms CPU  (wall min ${f0(Math.min(...m.changed.wall))}, max ${f0(Math.max(...m.changed.wall))})`);
  console.log('\n  where the time went (median CPU ms per phase; phases under 1 ms in both plans left out):');
  console.log(`  ${'phase'.padEnd(28)} ${'no-change'.padStart(9)} ${`${CHANGES}-change`.padStart(10)}`);
  for (const phase of Object.keys(m.changed.phases)) {
    const a = median(m.noChange.phases[phase] ?? []);
    const b = median(m.changed.phases[phase]);
    if (a < 1 && b < 1) continue;
    console.log(`  ${phase.padEnd(28)} ${f1(a).padStart(9)} ${f1(b).padStart(10)}`);
  }
}

function printBeside(before: Measured[], after: Measured[], ref: string): void {
  const b = merged(before);
  const a = merged(after);
  printHeader(a);
  console.log(`  before: the engine at ${ref}; after: this working tree. Alternating rounds, ${b.changed.wall.length} runs each after a warm-up; medians.`);
  console.log(`  load average (1 min) at the start of each process: before ${loads(before)}; after ${loads(after)}`);
  const row = (label: string, x: string, y: string, z: string, w: string) => console.log(`  ${label.padEnd(28)} ${x.padStart(10)} ${y.padStart(10)} ${z.padStart(10)} ${w.padStart(10)}`);
  row('', 'no-change', '', `${CHANGES}-change`, '');
  row('', 'before', 'after', 'before', 'after');
  row('wall ms', f0(median(b.noChange.wall)), f0(median(a.noChange.wall)), f0(median(b.changed.wall)), f0(median(a.changed.wall)));
  row('CPU ms', f0(median(b.noChange.cpu)), f0(median(a.noChange.cpu)), f0(median(b.changed.cpu)), f0(median(a.changed.cpu)));
  console.log('\n  where the time went (median CPU ms per phase; phases under 1 ms everywhere left out):');
  const phases = [...new Set([...Object.keys(b.changed.phases), ...Object.keys(a.changed.phases)])];
  for (const phase of phases) {
    const cells = [b.noChange, a.noChange, b.changed, a.changed].map((r) => median(r.phases[phase] ?? []));
    if (cells.every((c) => c < 1)) continue;
    row(phase, ...(cells.map(f1) as [string, string, string, string]));
  }
  const outside = (r: PlanRuns) => median(r.cpu) - Object.values(r.phases).reduce((sum, ms) => sum + median(ms), 0);
  row('(outside the phases)', ...([b.noChange, a.noChange, b.changed, a.changed].map((r) => f1(outside(r))) as [string, string, string, string]));
}

if (process.argv.includes('--child')) {
  console.log(JSON.stringify(measure()));
} else {
  const ref = arg('before', DEFAULT_BEFORE);
  const here = resolve(__dirname, '..');
  if (ref === 'none') {
    printAlone(Array.from({ length: ROUNDS }, () => child(here)));
  } else {
    const dir = checkout(ref);
    try {
      const before: Measured[] = [];
      const after: Measured[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        before.push(child(dir));
        after.push(child(here));
      }
      printBeside(before, after, ref);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
