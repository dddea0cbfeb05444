// Benchmark of the topology canvas in Chromium with lattice-local's `scale` estate (by
// default 2,000 services in 20 accounts): frames per second while panning and zooming along
// one fixed scripted gesture, in the grouped view (what a user sees at that size) and with
// every service its own box, each beside its goal and beside the same page with the canvas's
// fast paths turned off (`?canvas=plain`, how the canvas drew before), measured in the same run.
//
//   npm run bench:canvas [-- --accounts 300 --services 10000 --shots DIR --views grouped,every
//                            --data-dir DIR --emulator-port P --port Q --trace DIR
//                            --trace-categories cc,viz --modes plain,fast]
//
// Each gesture runs inside the page for a fixed time, one input event per animation frame (as
// Chromium delivers a real mouse's events), so its rate is the canvas's, not the bench's. Frames
// are the frames the renderer presented during the gesture with the page's update in them, from a
// trace of its compositor's frame reports (requestAnimationFrame callbacks, also shown, overstate
// them: headless Chromium begins frames it then drops); fps = frames ÷ the gesture's duration.
// `--data-dir` keeps the console's data (its discovered snapshot), so a
// second run skips discovery. Uses the production build in NEXT_DIST_DIR (default .next);
// builds it when missing. Starts its own lattice-local and console. `--trace DIR` records a
// Chromium performance trace of each gesture and prints where the
// renderer's main thread spent its time (the trace opens in Chrome's Performance panel).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { stopAll, stopChildrenOnExit } from './lib/processes';
import { ensureBuild, parseScaleArgs, signIn, startScaleConsole, startScaleEmulator } from './lib/scale-estate';

const { accounts, services, emulatorPort: askedEmulatorPort, consolePort: askedConsolePort, values } = parseScaleArgs('bench-canvas', {
  shots: { type: 'string' },
  views: { type: 'string', default: 'grouped,every' },
  'data-dir': { type: 'string' },
  trace: { type: 'string' },
  // More trace categories for --trace, comma-separated (e.g. cc,viz,disabled-by-default-cc.debug to see inside the compositor's commit).
  'trace-categories': { type: 'string', default: '' },
  // Which pages to measure: plain (fast paths off, the baseline) and fast; both unless told, for a before-and-after in one run.
  modes: { type: 'string', default: 'plain,fast' },
});
stopChildrenOnExit();

type ViewName = 'grouped' | 'every';
const views = String(values.views)
  .split(',')
  .map((v) => v.trim());
if (!views.length || views.some((v) => v !== 'grouped' && v !== 'every')) {
  console.error('bench-canvas: --views is a comma-separated list of grouped and every');
  process.exit(2);
}

/** The goals the canvas is held to: every box of the 2,000-service estate, and the grouped view of any size. */
const GOALS: Record<ViewName, { fps: number; label: string }> = {
  every: { fps: 50, label: '≥ 50 fps (2,000 services)' },
  grouped: { fps: 60, label: '60 fps' },
};
/** The figure measured before the canvas had its fast paths, for every box at 2,000 services. */
const RECORDED_EVERY_BOX_FPS = 12;

interface Frames {
  /** Frames the renderer presented (its compositor's frame reports), not merely began. */
  frames: number;
  /** requestAnimationFrame callbacks: headless Chromium runs more of them than it presents frames. */
  callbacks: number;
  ms: number;
  /** Time between animation-frame callbacks, ms. */
  times: number[];
  /** The gesture's trace (Chromium's JSON trace format). */
  trace: Buffer;
}

/** The trace category of the compositor's frame reports (and DevTools' frames track); cheap to record. */
const FRAME_CATEGORY = 'disabled-by-default-devtools.timeline.frame';

/** The gesture's bounds in a trace: the page marks them (performance.mark), and the marks are traced with their timestamps. */
function gestureWindow(trace: { traceEvents: TraceEvent[] }): { from: number; to: number } {
  const at = (name: string) => trace.traceEvents.find((e) => e.name === name)?.ts;
  const from = at('bench-gesture-start');
  const to = at('bench-gesture-end');
  if (from === undefined || to === undefined) throw new Error('the trace holds no gesture marks');
  return { from, to };
}

/**
 * Frames the page's renderer presented during the gesture with the page's own update in them.
 * The compositor reports each frame it begins (`PipelineReporter`) with its fate: presented
 * whole, presented in part (the page's main-thread update missed it: it shows nothing new
 * here), dropped, or not needed. One frame may have several reports (a forked report for its
 * main-thread part), so frames are counted by their sequence number, once.
 */
function presentedFrames(trace: { traceEvents: TraceEvent[] }): number {
  const { from, to } = gestureWindow(trace);
  const perProcess = new Map<number, Set<number>>();
  for (const e of trace.traceEvents) {
    if (e.name !== 'PipelineReporter' || e.ph !== 'b' || e.ts < from || e.ts > to) continue;
    const report = e.args?.frame_reporter;
    if (report?.state !== 'STATE_PRESENTED_ALL') continue;
    const frames = perProcess.get(e.pid) ?? new Set<number>();
    frames.add(report.frame_sequence ?? e.ts);
    perProcess.set(e.pid, frames);
  }
  // The page's renderer is the process with the most frames (the browser's own, if any, draws none here).
  return Math.max(0, ...[...perProcess.values()].map((f) => f.size));
}

/**
 * Frames presented while `act` runs its gesture, from a trace of the renderer's frame reports.
 * Counting requestAnimationFrame callbacks overstates them: headless Chromium begins main-thread
 * frames that are then dropped. The callbacks are still counted, and their spacing gives the frame times.
 */
async function countFrames(page: Page, act: () => Promise<void>, categories: string[]): Promise<Frames> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: [...new Set([FRAME_CATEGORY, 'blink.user_timing', ...categories])] });
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__recording = true;
    let last = 0;
    const tick = (t) => {
      if (last) window.__frames.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await act();
  const { times, ms } = await page.evaluate<{ times: number[]; ms: number }>(`(() => {
    window.__recording = false;
    const at = (name) => performance.getEntriesByName(name).at(-1).startTime;
    const ms = at('bench-gesture-end') - at('bench-gesture-start');
    performance.clearMarks();
    return { times: window.__frames, ms };
  })()`);
  const trace = await browser.stopTracing();
  const frames = presentedFrames(JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] });
  return { frames, callbacks: times.length, ms, times, trace };
}

const fpsOf = (f: Frames) => (1000 * f.frames) / f.ms;

function describe(f: Frames): string {
  const s = [...f.times].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return `${fpsOf(f).toFixed(0).padStart(3)} fps (${f.frames} frames presented in ${(f.ms / 1000).toFixed(2)} s; ${f.callbacks} animation-frame callbacks, ${(1000 * f.callbacks / f.ms).toFixed(0)}/s, p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${(s[s.length - 1] ?? 0).toFixed(0)} ms)`;
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing', 'v8.execute'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; frame_reporter?: { state?: string; frame_sequence?: number } };
}

/** Where the renderer's main thread spent the traced gesture: time per kind of work, outermost events only, most first. */
function mainThreadSummary(trace: { traceEvents: TraceEvent[] }): string[] {
  const main = trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return ['no renderer main thread in the trace'];
  const events = trace.traceEvents.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Time per name of the events under the main thread's tasks (RunTask), one level down, so nothing counts twice.
  const totals = new Map<string, number>();
  let taskEnd = -1;
  let childEnd = -1;
  let busy = 0;
  for (const e of events) {
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      if (e.ts >= taskEnd) {
        taskEnd = e.ts + e.dur!;
        busy += e.dur!;
      }
      continue;
    }
    if (e.ts < childEnd || e.ts >= taskEnd) continue;
    childEnd = e.ts + e.dur!;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur!);
  }
  const span = events.length ? events[events.length - 1].ts - events[0].ts : 0;
  const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 10);
  // The renderer's frames: presented, dropped, and main-thread frames committed.
  const count = (name: string) => trace.traceEvents.filter((e) => e.pid === main.pid && e.name === name && e.ph !== 'E').length;
  const frames = `frames: ${presentedFrames(trace)} presented, ${count('DroppedFrame')} dropped, ${count('Commit')} main-thread commits`;
  return [`main thread busy ${(busy / 1000).toFixed(0)} ms of ${(span / 1000).toFixed(0)} ms; ${frames}`, ...top.map(([name, us]) => `${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)];
}

/** How long each gesture runs; the movement is a function of time, so every run covers the same path whatever its frame rate. */
const GESTURE_MS = 3000;

/**
 * Runs a gesture inside the page at the display's pace: each animation frame dispatches one
 * input event (as Chromium delivers real pointer and wheel input, aligned to frames), placed by
 * the time elapsed. A gesture sent from here, one event per protocol round trip, is paced by the
 * round trips and the wait for each step's frame: it measured the bench, not the canvas.
 * `pan` drags the pane around a loop from an empty corner; `zoom` wheels in at the centre for
 * half the time, then out again, 4.8 zoom octaves (as 20 wheel notches) each way.
 */
async function runGesture(page: Page, kind: 'pan' | 'zoom'): Promise<void> {
  // A string, not a function: the page must not see the helpers tsx adds to compiled functions.
  await page.evaluate(`new Promise((done) => {
    const kind = ${JSON.stringify(kind)};
    const duration = ${GESTURE_MS};
    const pane = document.querySelector('[data-testid=topology-canvas] .react-flow__pane');
    const r = pane.getBoundingClientRect();
    const mouse = (type, x, y, target) => target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1 }));
    const loop = (t) => ({ x: r.x + 12 + Math.sin(t * 10) * 300 + 300, y: r.y + 12 + Math.cos(t * 10) * 150 + 150 });
    const notches = 20, notch = 120;
    let start = 0, last = 0;
    performance.mark('bench-gesture-start');
    if (kind === 'pan') mouse('mousedown', r.x + 12, r.y + 12, pane);
    const frame = (now) => {
      if (!start) start = last = now;
      const t = Math.min(1, (now - start) / duration);
      if (kind === 'pan') {
        const p = loop(t);
        mouse('mousemove', p.x, p.y, window);
      } else {
        // Wheel delta for the time since the last frame: in during the first half, out during the second.
        const before = Math.min(1, (last - start) / duration), span = t - before;
        const inward = Math.max(0, Math.min(t, 0.5) - Math.min(before, 0.5)), outward = span - inward;
        const deltaY = (outward - inward) * 2 * notches * notch;
        if (deltaY) pane.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, view: window, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2, deltaY, deltaMode: 0 }));
      }
      last = now;
      if (t < 1) return requestAnimationFrame(frame);
      if (kind === 'pan') { const p = loop(1); mouse('mouseup', p.x, p.y, window); }
      performance.mark('bench-gesture-end');
      done(null);
    };
    requestAnimationFrame(frame);
  })`);
}

/** The fixed gestures: a drag around a loop, then a zoom in and out at the centre, each for GESTURE_MS. */
async function panAndZoom(page: Page, categories: string[]): Promise<{ pan: Frames; zoom: Frames }> {
  const pan = await countFrames(page, () => runGesture(page, 'pan'), categories);
  const zoom = await countFrames(page, () => runGesture(page, 'zoom'), categories);
  return { pan, zoom };
}

/** Opens the topology page in one view and mode and waits for its laid-out picture, fitted to the screen. */
async function open(page: Page, base: string, view: ViewName, plain: boolean): Promise<{ boxes: number; inDom: number; lodLayer: boolean; ms: number }> {
  const query = new URLSearchParams();
  if (view === 'every') query.set('group', 'off');
  if (plain) query.set('canvas', 'plain');
  // A large estate's page loads tens of megabytes of topology: generous timeouts, the figures are the frames.
  await page.goto(`${base}/`, { timeout: 300_000 });
  const started = Date.now();
  await page.goto(`${base}/topology${query.size ? `?${query}` : ''}`, { timeout: 300_000, waitUntil: 'domcontentloaded' });
  const boxes = '[data-testid=canvas-node], [data-testid=canvas-aggregate]';
  // Zoomed out, the boxes are drawn on the level-of-detail layer, not in the DOM.
  await page.locator(`${boxes}, [data-testid=lod-layer]`).first().waitFor({ timeout: 300_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid=topology-canvas]')?.getAttribute('data-layout') !== 'pending', undefined, { timeout: 300_000 });
  if (view === 'every' && Number(await page.getByTestId('topology-canvas').getAttribute('data-aggregate-count')) > 0) throw new Error('every box was asked for, but the canvas still shows aggregates');
  await page.getByRole('button', { name: 'Fit View' }).click({ timeout: 120_000 });
  // Two frames: the fit, then what it brings into view.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));
  const ms = Date.now() - started;
  return { boxes: Number(await page.getByTestId('topology-canvas').getAttribute('data-node-count')), inDom: await page.locator(boxes).count(), lodLayer: await page.getByTestId('lod-layer').count() > 0, ms };
}

async function main() {
  await ensureBuild('bench-canvas');
  const { port: emulatorPort } = await startScaleEmulator(accounts, services, askedEmulatorPort);
  const keep = values['data-dir'];
  const dataDir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-bench-canvas-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const app = await startScaleConsole({ accounts, emulatorPort, dataDir, port: askedConsolePort });
  const base = app.base;

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(300_000);
    await signIn(page, base);

    // Discover once (or read the kept snapshot), so the timing below is the canvas, not discovery.
    const discoverStart = Date.now();
    const warm = await page.request.get(`${base}/api/topology`, { timeout: 1_800_000 });
    if (!warm.ok()) throw new Error(`GET /api/topology answered ${warm.status()}: ${await warm.text()}`);
    const bytes = (await warm.body()).length;
    const body = JSON.parse((await warm.body()).toString('utf8')) as { nodes: { kind: string }[] };
    const serviceCount = body.nodes.filter((n) => n.kind === 'service').length;
    console.log(`scale estate: ${accounts} accounts, ${services} services; console on :${app.port}, lattice-local on :${emulatorPort}`);
    console.log(`topology ready in ${((Date.now() - discoverStart) / 1000).toFixed(1)} s${keep ? ' (kept data directory)' : ''}: ${serviceCount} services, ${body.nodes.length} nodes, ${(bytes / 1e6).toFixed(1)} MB of JSON`);
    const [load] = os.loadavg();
    console.log(`load average at start: ${load.toFixed(2)} on ${os.cpus().length} cores`);

    const rows: string[] = [];
    for (const view of views as ViewName[]) {
      const measured: Partial<Record<'plain' | 'fast', { pan: Frames; zoom: Frames }>> = {};
      for (const mode of (['plain', 'fast'] as const).filter((m) => String(values.modes).split(',').includes(m))) {
        const opened = await open(page, base, view, mode === 'plain');
        console.log(`\n${view === 'every' ? 'every box' : 'grouped view'}, ${mode === 'plain' ? 'fast paths off (before)' : 'fast paths on'}: ${opened.boxes} boxes, ${opened.inDom} in the DOM after the fit${opened.lodLayer ? ' (the rest on the level-of-detail layer)' : ''}, ${(opened.ms / 1000).toFixed(1)} s to the fitted picture`);
        if (values.shots && mode === 'fast') {
          fs.mkdirSync(values.shots, { recursive: true });
          const file = path.join(values.shots, `canvas-${services}-${view === 'every' ? 'every-box' : 'grouped'}.png`);
          await page.screenshot({ path: file });
          console.log(`  screenshot: ${file}`);
        }
        // Every gesture is traced for its frames; `--trace` records the main thread's work too, and keeps the traces.
        const m = await panAndZoom(page, values.trace ? [...TRACE_CATEGORIES, ...String(values['trace-categories']).split(',').filter(Boolean)] : []);
        if (values.trace) {
          fs.mkdirSync(values.trace, { recursive: true });
          for (const phase of ['pan', 'zoom'] as const) {
            const file = path.join(values.trace, `canvas-${services}-${view === 'every' ? 'every-box' : 'grouped'}-${mode}-${phase}.trace.json`);
            fs.writeFileSync(file, m[phase].trace);
            console.log(`  ${phase} trace: ${file}`);
            for (const line of mainThreadSummary(JSON.parse(m[phase].trace.toString('utf8')) as { traceEvents: TraceEvent[] })) console.log(`    ${line}`);
          }
        }
        measured[mode] = m;
        console.log(`  pan:  ${describe(m.pan)}`);
        console.log(`  zoom: ${describe(m.zoom)}`);
        if (values.shots && mode === 'fast') {
          // Zoomed in at the centre, past the level-of-detail layer, where the full boxes are back.
          const box = (await page.getByTestId('topology-canvas').boundingBox())!;
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          for (let i = 0; i < 40 && (await page.getByTestId('lod-layer').count()) > 0; i++) {
            await page.mouse.wheel(0, -120);
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
          }
          await page.locator('[data-testid=canvas-node], [data-testid=canvas-aggregate]').first().waitFor();
          const file = path.join(values.shots, `canvas-${services}-${view === 'every' ? 'every-box' : 'grouped'}-zoomed-in.png`);
          await page.screenshot({ path: file });
          console.log(`  screenshot: ${file}`);
        }
      }
      const goal = GOALS[view];
      for (const phase of ['pan', 'zoom'] as const) {
        if (!measured.fast) continue;
        const after = fpsOf(measured.fast[phase]);
        const before = measured.plain ? `${fpsOf(measured.plain[phase]).toFixed(0)} fps` : 'not measured';
        const recorded = view === 'every' && services === 2000 && phase === 'pan' ? `; recorded on the issue: ${RECORDED_EVERY_BOX_FPS} fps` : '';
        rows.push(`${(view === 'every' ? 'every box' : 'grouped').padEnd(9)} ${phase.padEnd(4)}  ${after.toFixed(0).padStart(3)} fps  goal ${goal.label.padEnd(26)} ${after >= goal.fps * 0.98 ? 'met    ' : 'not met'}  before (fast paths off, this run): ${before}${recorded}`);
      }
    }
    console.log(`\n${accounts} accounts, ${services} services — frames per second over the scripted gesture`);
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
    await stopAll();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch(async (err) => {
  console.error(`bench-canvas: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll();
  process.exit(1);
});
