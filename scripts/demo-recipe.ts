// `npm run demo:recipe`: the microservice-authorization recipe, built and validated end to end.
//
// Starts lattice-local (demo estate) and the console on free ports with a fresh data directory
// (or reuses running ones: --console-url, --emulator-url, --token), starts a tiny HTTP target
// on 127.0.0.1, and through the console's API creates a design holding the recipe (a service
// whose listener forwards to an IP target group holding the tiny target, an auth policy letting
// the product role GET and denying DELETE, access logs to a log group, the service joining a
// network the product VPC reaches, the callers' roles), plans it and applies it. Then it assumes
// the product role and another role with STS and sends SigV4-signed requests through the data
// plane, printing each answer and its access-log line. Exits 1 when an answer differs from the
// recipe's, 2 when something could not be set up; stops everything it started.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ListServicesCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { bin, root, startProcess, stopAll, stopChildrenOnExit, waitForHttp } from './lib/processes';
import { takenPorts } from './lib/ports';
import { RECIPE_ACCOUNT, RECIPE_NETWORK_NAME, RECIPE_REGION, RECIPE_VPC_NAME, describeResult, recipeNames, recipeRecords, runRecipeChecks, startTinyTarget } from './lib/recipe-demo';

const USAGE = `usage: npm run demo:recipe -- [--port N] [--emulator-port N] [--target-port N] [--data-dir DIR] [--no-build]
       npm run demo:recipe -- --console-url URL --emulator-url URL --token TOKEN [--target-port N]

Without --console-url it starts lattice-local and the console (free ports unless given) on a
fresh data directory (default .trellis/recipe-demo, emptied first) and stops them at the end.
With --console-url it uses a running console (seeded with the demo estate) and its lattice-local;
TOKEN is an editor's API token (or TRELLIS_TOKEN).`;

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string' },
    'emulator-port': { type: 'string' },
    'target-port': { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: '.trellis/recipe-demo' },
    'no-build': { type: 'boolean', default: false },
    'console-url': { type: 'string' },
    'emulator-url': { type: 'string' },
    token: { type: 'string', default: process.env.TRELLIS_TOKEN },
    help: { type: 'boolean', default: false },
  },
});

class SetupError extends Error {}

function portFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new SetupError(`--${name} must be a TCP port (0-65535), got "${value}"`);
  return n;
}

/** A port free right now on 127.0.0.1, from the kernel. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs the Trellis command line on the data directory; resolves to its standard output. */
function trellisCli(args: string[], dataDir: string, stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin('tsx'), ['--conditions=react-server', 'scripts/trellis.ts', ...args], { cwd: root, env: { ...process.env, TRELLIS_DATA_DIR: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new SetupError(`trellis ${args.slice(0, 2).join(' ')} failed: ${(err || out).trim()}`))));
    child.stdin.end(stdin ?? '');
  });
}

/** An editor and an API token for it, made with the command line before the console opens the database. */
async function editorToken(dataDir: string): Promise<string> {
  const password = crypto.randomBytes(24).toString('base64url');
  await trellisCli(['users', 'add', 'recipe-demo', '--role', 'editor', '--display-name', 'Recipe demo', '--password-stdin'], dataDir, password);
  return trellisCli(['tokens', 'create', '--user', 'recipe-demo', '--name', 'recipe-demo', '--expires-days', '1'], dataDir);
}

/** The console's API with the token; a non-2xx answer is an error carrying the console's message. */
function api(consoleUrl: string, token: string) {
  return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(route, consoleUrl), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        // not JSON: the text as it came
      }
      throw new SetupError(`${method} ${route} answered ${res.status}: ${message}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

interface TopologyNode {
  id: string;
  kind: string;
  name: string;
  account: string;
  resourceId?: string;
}

const step = (text: string) => console.log(`• ${text}`);

async function main(): Promise<number> {
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  stopChildrenOnExit();
  let consoleUrl = flags['console-url'];
  let emulatorUrl = flags['emulator-url'];
  let token = flags.token;
  if (consoleUrl) {
    if (!emulatorUrl || !token) throw new SetupError('with --console-url, give --emulator-url and --token (an editor\'s API token) too');
  } else {
    const port = portFlag('port', flags.port) ?? (await freePort());
    const emulatorPort = portFlag('emulator-port', flags['emulator-port']) ?? (await freePort());
    const taken = await takenPorts([
      { port, host: '127.0.0.1', label: 'the console' },
      { port: emulatorPort, host: '127.0.0.1', label: 'lattice-local' },
    ]);
    if (taken.length) throw new SetupError(taken.join('; '));
    const dataDir = path.resolve(root, flags['data-dir']!);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.mkdirSync(dataDir, { recursive: true });
    step(`fresh data directory ${path.relative(root, dataDir)}; an editor "recipe-demo" and its API token`);
    token = await editorToken(dataDir);
    step(`starting lattice-local on ${emulatorPort} and the console on ${port}`);
    const started = startProcess(
      bin('tsx'),
      ['scripts/start.ts', '--port', String(port), '--emulator-port', String(emulatorPort), '--data-dir', dataDir, '--quiet', ...(flags['no-build'] ? ['--no-build'] : [])],
      { label: 'console', env: process.env },
    );
    consoleUrl = `http://127.0.0.1:${port}`;
    emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    await waitForHttp(`${consoleUrl}/api/health`, started, 600_000, 'the console');
  }

  const target = await startTinyTarget(portFlag('target-port', flags['target-port']));
  try {
    step(`tiny target listening on 127.0.0.1:${target.port}`);
    const call = api(consoleUrl, token!);
    const topology = await call<{ nodes: TopologyNode[] }>('GET', '/api/topology');
    const network = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === RECIPE_NETWORK_NAME);
    const vpc = topology.nodes.find((n) => n.kind === 'vpc' && n.name === RECIPE_VPC_NAME && n.account === RECIPE_ACCOUNT);
    if (!network || !vpc?.resourceId) throw new SetupError(`the estate has no service network ${RECIPE_NETWORK_NAME} or VPC ${RECIPE_VPC_NAME} in ${RECIPE_ACCOUNT}: is it lattice-local's demo estate?`);

    const runId = Date.now().toString(36).slice(-6);
    const names = recipeNames(runId);
    const { design } = await call<{ design: { id: string; version: number; document: Record<string, unknown> } }>('POST', '/api/designs', { name: `recipe ${runId}`, start: 'empty', account: RECIPE_ACCOUNT, region: RECIPE_REGION });
    const records = recipeRecords({ names, networkId: network.id, vpcId: vpc.resourceId, targetPort: target.port });
    await call('PUT', `/api/designs/${design.id}`, { document: { ...design.document, records }, baseVersion: design.version });
    step(`design "recipe ${runId}" (${Object.keys(records).length} records) saved: ${consoleUrl}/designs/${design.id}`);
    const { plan } = await call<{ plan: { id: string; summary?: Record<string, number> } }>('POST', `/api/designs/${design.id}/plan`);
    step(`plan ${plan.id}${plan.summary ? ` (${Object.entries(plan.summary).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}; applying`);
    await call('POST', `/api/plans/${plan.id}/apply`);
    let status = 'applying';
    let view: { plan: { status: string }; messages?: Record<string, string> } | undefined;
    while (status === 'applying' || status === 'planned' || status === 'approved') {
      await new Promise((r) => setTimeout(r, 500));
      view = await call<{ plan: { status: string }; messages?: Record<string, string> }>('GET', `/api/plans/${plan.id}`);
      status = view.plan.status;
    }
    if (status !== 'applied') throw new SetupError(`the plan ended ${status}: ${Object.values(view?.messages ?? {}).join('; ') || 'no message'}`);
    step(`applied: ${consoleUrl}/plans/${plan.id}`);

    const lattice = new VPCLatticeClient({ endpoint: emulatorUrl, region: RECIPE_REGION, credentials: { accessKeyId: RECIPE_ACCOUNT, secretAccessKey: 'test' }, maxAttempts: 1 });
    const services = await lattice.send(new ListServicesCommand({}));
    lattice.destroy();
    const host = services.items?.find((s) => s.name === names.service)?.dnsEntry?.domainName;
    if (!host) throw new SetupError(`service ${names.service} is not in lattice-local after the apply`);
    step(`signed requests to ${host} from VPC ${vpc.resourceId} through ${emulatorUrl}\n`);

    const results = await runRecipeChecks({ endpoint: emulatorUrl!, host, vpcId: vpc.resourceId, names, runId });
    for (const r of results) console.log(describeResult(r));
    const failed = results.filter((r) => !r.ok).length;
    console.log(failed ? `\nrecipe validation FAILED: ${failed} of ${results.length} answers differ from the recipe's` : `\nrecipe validation passed: ${results.length} of ${results.length} answers as the recipe says`);
    return failed ? 1 : 0;
  } finally {
    await target.stop();
  }
}

main()
  .catch((err: unknown) => {
    console.error(`demo:recipe: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  })
  .then(async (code) => {
    await stopAll();
    process.exit(code);
  });
