// Two built consoles (scripts/start.ts) on one PostgreSQL and one lattice-local: a plan is
// made, approved and applied through the console's HTTP API, the console applying it is
// killed (SIGKILL, every process of it) while its resources are still being created, and the
// other console, once the dead one's lease has expired, resumes the apply and finishes it,
// creating every resource once. The kill happens at a known point: lattice-local holds every
// new resource in CREATE_IN_PROGRESS until told, so the applying console is waiting on them.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { consolePorts, emulatorPort } from '../playwright.consoles.config';
import { DEMO_ACCOUNTS } from '../lib/demo';
import { createScratchPostgres } from '../lib/db/scratch';
import type { PlanOperation } from '../lib/plan/types';
import {
  CONVERGENCE_CREATES,
  convergenceDesign,
  defaultNetworkOf,
  latticeRecordsAdded,
  localAdmin,
  localClientConfig,
  prepareConvergenceAccount,
  TEST_REGION,
  type LocalStateCounts,
} from '../lib/testing/convergence';
import { until } from '../lib/testing/until';
import { processGroupsOf, signalGroups } from '../scripts/lib/process-tree';
import { startTemporaryPostgres, type TemporaryPostgres } from '../scripts/lib/system';
import { mutate, signIn } from './support/auth';

// The demo hub: the account scripts/start.ts gives the console as its base credentials.
const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.role === 'network-hub')!.id;
const LEASE_SECONDS = 5;
const HELD_MS = 24 * 3600_000;
const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<void>;
}

interface JournalLine {
  opId: string;
  event: string;
}

const servers: Server[] = [];
const consoles: Server[] = [];
let postgres: TemporaryPostgres | null = null;
let scratch: { url: string; drop(): Promise<void> } | null = null;
let scratchDir = '';

/** A process in a process group of its own, its output kept for failure messages. */
function startServer(name: string, url: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = { name, url, child, output: () => out, exited };
  servers.push(server);
  return server;
}

/** Fails the wait at once when a server exits other than by the test's SIGKILL. */
function noServerDied(what: string): void {
  const dead = servers.find((s) => s.child.exitCode !== null || (s.child.signalCode !== null && s.child.signalCode !== 'SIGKILL'));
  if (dead) throw new Error(`${dead.name} exited while waiting for ${what}:\n${dead.output()}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

/** Stops a server and everything it started: SIGTERM lets scripts/start.ts stop the console, SIGKILL takes what is left. */
async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const groups = processGroupsOf(server.child.pid!);
  signalGroups([server.child.pid!], 'SIGTERM');
  await server.exited;
  signalGroups(groups, 'SIGKILL');
}

async function signedIn(browser: Browser, server: Server, name: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url })).newPage();
  await signIn(page, name);
  return page;
}

/** A state-changing API call as the console's own pages make it; its JSON answer. */
async function call<T>(page: Page, method: 'POST' | 'PUT', pathname: string, data?: unknown): Promise<T> {
  const res = await mutate(page, method, pathname, data);
  expect(res.ok(), `${method} ${pathname}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function planView(page: Page, id: string): Promise<{ plan: { status: string }; operations: PlanOperation[] }> {
  const res = await page.request.get(`/api/plans/${id}`);
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

/**
 * Follows the console's apply progress stream (GET …/events, NDJSON) from the start of the
 * journal until `enough` says so or the stream ends (the plan no longer applying).
 */
async function followJournal(page: Page, id: string, enough: (lines: JournalLine[]) => boolean): Promise<JournalLine[]> {
  const origin = new URL(page.url()).origin;
  const cookie = (await page.context().cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
  const controller = new AbortController();
  const res = await fetch(`${origin}/api/plans/${id}/events?cursor=0`, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  const lines: JournalLine[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as { type: string } & JournalLine & { message?: string };
        buffered = buffered.slice(newline + 1);
        if (line.type === 'error') throw new Error(`progress stream: ${line.message}`);
        if (line.type === 'journal') lines.push({ opId: line.opId, event: line.event });
        if (line.type === 'end' || enough(lines)) return lines;
      }
    }
    return lines;
  } finally {
    controller.abort();
  }
}

test.describe('applies spread over console instances', () => {
  test.skip(!process.env.TEST_DATABASE_URL && process.env.TRELLIS_TEST_PG === 'skip', 'TRELLIS_TEST_PG=skip: no PostgreSQL for the consoles to share');

  test.beforeAll(async ({}, testInfo) => {
    const root = path.dirname(testInfo.config.configFile!);
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-consoles-'));
    // The server `npm test` started (a database of its own on it), else one for this run.
    let databaseUrl: string;
    if (process.env.TEST_DATABASE_URL) {
      scratch = await createScratchPostgres(process.env.TEST_DATABASE_URL);
      databaseUrl = scratch.url;
    } else {
      postgres = await startTemporaryPostgres();
      databaseUrl = postgres.url;
    }

    // Resources stay CREATE_IN_PROGRESS until the test lifts the hold.
    startServer('lattice-local', emulatorUrl, ['lib/emulator/main.ts', '--port', String(emulatorPort), '--host', '127.0.0.1', '--seed', 'empty', '--activation-delay', String(HELD_MS), '--log-level', 'silent'], process.env, root);
    await until('lattice-local to answer', () => answers(`${emulatorUrl}/_local/health`), noServerDied);
    await prepareConvergenceAccount(emulatorUrl, ACCOUNT, TEST_REGION);

    // One deployment: the same database, session secret, accounts and a short apply lease.
    const secret = crypto.randomBytes(32).toString('base64');
    for (const [i, port] of consolePorts.entries()) {
      const url = `http://127.0.0.1:${port}`;
      const server = startServer(
        `console ${'AB'[i]}`,
        url,
        ['scripts/start.ts', '--no-build', '--quiet', '--port', String(port), '--emulator-url', emulatorUrl, '--data-dir', path.join(scratchDir, `console-${i}`)],
        {
          ...process.env,
          DATABASE_URL: databaseUrl,
          NEXTAUTH_URL: url,
          NEXTAUTH_SECRET: secret,
          TRELLIS_ACCOUNTS: JSON.stringify([{ id: ACCOUNT, name: 'shop', regions: [TEST_REGION] }]),
          TRELLIS_APPLY_LEASE_SECONDS: String(LEASE_SECONDS),
          TRELLIS_REQUIRE_APPROVAL: 'true',
        },
        root,
      );
      consoles.push(server);
    }
    for (const server of consoles) await until(`${server.name} to answer`, () => answers(`${server.url}/api/health`), noServerDied);
  });

  test.afterAll(async () => {
    for (const server of [...servers].reverse()) await stopServer(server);
    await scratch?.drop();
    postgres?.stop();
    if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
  });

  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const server of servers) await testInfo.attach(`${server.name} output`, { body: server.output(), contentType: 'text/plain' });
    }
  });

  test('the console applying a plan is killed mid-apply; the other finishes it, creating every resource once', async ({ browser }, testInfo) => {
    const [a, b] = consoles;
    const editors = new Map<Server, Page>();
    for (const s of consoles) editors.set(s, await signedIn(browser, s, 'editor'));
    const editorA = editors.get(a)!;
    const approver = await signedIn(browser, a, 'approver');

    // Plan and approve through the API, as the designer and the plan page do.
    const net = await defaultNetworkOf(new EC2Client(localClientConfig(emulatorUrl, ACCOUNT, TEST_REGION)));
    const { design } = await call<{ design: { id: string; version: number } }>(editorA, 'POST', '/api/designs', { name: `failover ${Date.now().toString(36)}`, start: 'empty', account: ACCOUNT, region: TEST_REGION });
    await call(editorA, 'PUT', `/api/designs/${design.id}`, { document: convergenceDesign(ACCOUNT, net), baseVersion: design.version });
    const { plan } = await call<{ plan: { id: string } }>(editorA, 'POST', `/api/designs/${design.id}/plan`);
    await call(approver, 'POST', `/api/plans/${plan.id}/approve`);
    const { operations } = await planView(editorA, plan.id);
    expect(operations.length).toBeGreaterThan(0);
    const before = await localAdmin<LocalStateCounts>(emulatorUrl, '/_local/state');

    // Started on A; whichever console's job worker takes it applies it.
    await call(editorA, 'POST', `/api/plans/${plan.id}/apply`);

    // The barrier: every operation that depends on nothing has been called, and each of its
    // resources is held in CREATE_IN_PROGRESS, so the console applying is waiting on them.
    const roots = operations.filter((o) => o.dependsOn.length === 0).map((o) => o.id);
    const calledFirst = (lines: JournalLine[]) => roots.filter((id) => !lines.some((l) => l.opId === id && l.event === 'called'));
    // Ends early only if the apply stopped before calling them all, which this then shows.
    expect(calledFirst(await followJournal(editorA, plan.id, (lines) => calledFirst(lines).length === 0))).toEqual([]);
    const applying = await until('the console applying to say so', () => [a, b].find((s) => s.output().includes(`applying plan ${plan.id}`)), noServerDied);
    const other = applying === a ? b : a;
    expect(other.output()).not.toContain(`applying plan ${plan.id}`);

    // The crash: every process of the applying console, at once.
    signalGroups(processGroupsOf(applying.child.pid!), 'SIGKILL');
    await applying.exited;
    const killedAt = Date.now();
    // Lift the hold: what the dead console started finishes, and what comes next is not held.
    await localAdmin(emulatorUrl, '/_local/faults', { activationDelayMs: 0 });
    await localAdmin(emulatorUrl, '/_local/activate', {});

    const survivor = editors.get(other)!;
    const done = await until('the other console to finish the plan', async () => {
      const view = await planView(survivor, plan.id);
      return ['applied', 'failed', 'stale'].includes(view.plan.status) && view;
    }, noServerDied);
    const seconds = (Date.now() - killedAt) / 1000;
    console.log(`${applying.name} killed mid-apply; ${other.name} took it over and finished it ${seconds.toFixed(1)} s after the kill (lease ${LEASE_SECONDS} s)`);
    testInfo.annotations.push({ type: 'kill to finish', description: `${seconds.toFixed(1)} s (lease ${LEASE_SECONDS} s)` });

    expect(done.plan.status).toBe('applied');
    expect(other.output()).toContain(`applying plan ${plan.id}`);
    const journal = await followJournal(survivor, plan.id, () => false);
    const finished = new Set(journal.filter((j) => j.event === 'succeeded' || j.event === 'adopted').map((j) => j.opId));
    expect(operations.filter((o) => !finished.has(o.id)).map((o) => o.id)).toEqual([]);
    // No create was called twice over both consoles: what the dead one had called (the roots,
    // still waiting) was taken up from its journal, not called again.
    const calledTwice = operations.filter((o) => (o.action === 'create' || o.action === 'associate') && journal.filter((j) => j.opId === o.id && j.event === 'called').length > 1);
    expect(calledTwice.map((o) => o.id)).toEqual([]);
    for (const id of roots) expect(journal.filter((j) => j.opId === id).map((j) => j.event)).toEqual(['started', 'called', 'succeeded']);

    // Every resource once: lattice-local holds exactly what the plan creates, and a new plan is empty.
    const after = await localAdmin<LocalStateCounts>(emulatorUrl, '/_local/state');
    expect(latticeRecordsAdded(before, after, `${ACCOUNT}:${TEST_REGION}`)).toEqual(CONVERGENCE_CREATES);
    const { plan: again } = await call<{ plan: { id: string } }>(survivor, 'POST', `/api/designs/${design.id}/plan`);
    expect((await planView(survivor, again.id)).operations).toEqual([]);
  });
});
