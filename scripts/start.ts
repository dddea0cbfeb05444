// `npm start`: the console, ready in a browser.
//
// Against lattice-local (the default): starts the emulator seeded with the demo estate, points
// the console at it through the SDK's own endpoint variables, and prints the demo sign-ins.
// Against AWS (TRELLIS_TARGET=aws): starts no emulator and leaves credentials to the SDK's
// default chain. `--seed scale --accounts N --services M` starts lattice-local with the
// generated large estate instead, and configures the console for its accounts.
// `--emulator-url URL` uses a lattice-local already running there instead of starting one,
// so several consoles (on one DATABASE_URL) can share an estate.
// Every port is checked before anything starts; when any part fails to start, everything
// started so far is stopped.
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { bin, root, run, startProcess, stopAll, stopChildrenOnExit, waitForHttp } from './lib/processes';
import { takenPorts, type PortNeed } from './lib/ports';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'emulator-port': { type: 'string', default: process.env.LATTICE_LOCAL_PORT ?? '4566' },
    'emulator-url': { type: 'string' },
    'data-dir': { type: 'string', default: process.env.TRELLIS_DATA_DIR ?? '.trellis' },
    target: { type: 'string', default: process.env.TRELLIS_TARGET ?? 'local' },
    build: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    seed: { type: 'string', default: 'demo' },
    accounts: { type: 'string' },
    services: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(
    'usage: npm start -- [--port 3000] [--emulator-port 4566 | --emulator-url http://127.0.0.1:4566] [--host 127.0.0.1] [--data-dir .trellis]\n' +
      '                    [--target local|aws] [--seed demo|scale [--accounts 20] [--services 2000]] [--build | --no-build] [--fresh] [--dev] [--quiet]\n' +
      '--emulator-url: use the lattice-local already running there (e.g. shared by several consoles) instead of starting one.',
  );
  process.exit(0);
}

function fail(message: string): never {
  console.error(`trellis: ${message}`);
  process.exit(2);
}

const port = Number(flags.port);
const emulatorPort = Number(flags['emulator-port']);
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a TCP port (1-65535), got "${flags.port}"`);
if (!Number.isInteger(emulatorPort) || emulatorPort < 1 || emulatorPort > 65535)
  fail(`--emulator-port must be a TCP port (1-65535), got "${flags['emulator-port']}"`);
if (flags.target !== 'local' && flags.target !== 'aws') fail(`TRELLIS_TARGET must be "local" or "aws", got "${flags.target}"`);
if (flags.seed !== 'demo' && flags.seed !== 'scale') fail(`--seed must be "demo" or "scale", got "${flags.seed}"`);
if (flags.seed !== 'scale' && (flags.accounts || flags.services)) fail('--accounts and --services size the scale estate: use them with --seed scale');
const emulatorUrl = flags['emulator-url'] ?? null;
if (emulatorUrl !== null) {
  if (!/^https?:\/\/[^/\s]+\/?$/.test(emulatorUrl)) fail(`--emulator-url must be an http(s) URL of a running lattice-local such as http://127.0.0.1:4566, got "${emulatorUrl}"`);
  if (flags.target !== 'local') fail('--emulator-url names a lattice-local: it does not go with --target aws');
  if (flags.seed === 'scale') fail('--seed scale seeds the lattice-local this command starts: it does not go with --emulator-url');
}

const dataDir = path.resolve(root, flags['data-dir']!);
const distDir = process.env.NEXT_DIST_DIR ?? '.next';

/** True when no build exists or a source file is newer than it. */
function buildIsStale(): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newer = (p: string): boolean => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return false;
    if (!stat.isDirectory()) return stat.mtimeMs > builtAt;
    return fs.readdirSync(p).some((name) => !name.endsWith('.test.ts') && newer(path.join(p, name)));
  };
  return ['app', 'components', 'lib', 'public', 'next.config.js', 'package-lock.json', 'instrumentation.ts', 'proxy.ts']
    .map((p) => path.join(root, p))
    .some(newer);
}

/** The scale estate's accounts as the console reads them: the hub with the base credentials, the others by their console role. */
async function scaleEstate(): Promise<{ accounts: { id: string; name: string; roleArn?: string; regions: string[] }[]; args: string[] }> {
  const { planScale } = await import('../lib/emulator/seeds/scale-plan');
  const accounts = flags.accounts === undefined ? undefined : Number(flags.accounts);
  const services = flags.services === undefined ? undefined : Number(flags.services);
  let plan: ReturnType<typeof planScale>;
  try {
    plan = planScale(accounts, services);
  } catch (err) {
    fail((err as Error).message);
  }
  const region = 'us-east-1';
  return {
    accounts: [
      { id: plan.hub, name: 'hub', regions: [region] },
      ...plan.applications.map((id, i) => ({ id, name: `app-${String(i + 1).padStart(2, '0')}`, roleArn: `arn:aws:iam::${id}:role/TrellisConsole`, regions: [region] })),
    ],
    args: ['--seed', 'scale', '--accounts', String(plan.applications.length + 1), '--services', String(plan.totalServices)],
  };
}

async function main() {
  stopChildrenOnExit();
  const needs: PortNeed[] = [{ port, host: flags.host!, label: 'the console' }];
  const startsEmulator = flags.target === 'local' && emulatorUrl === null;
  if (startsEmulator) needs.push({ port: emulatorPort, host: '127.0.0.1', label: 'lattice-local' });
  if (port === emulatorPort && startsEmulator) fail(`--port and --emulator-port are both ${port}; give each its own`);
  const taken = await takenPorts(needs);
  if (taken.length) fail(`cannot start: ${taken.join('; ')}.`);
  if (flags.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA_DIR: dataDir, PORT: String(port) };
  let demoAccounts: { id: string; name: string }[] = [];

  if (flags.target === 'local') {
    const { DEMO_ACCOUNTS, DEMO_REGION } = await import('../lib/demo');
    demoAccounts = DEMO_ACCOUNTS;
    // The console's base account is the network hub; it assumes a role into the others.
    let base: { id: string } = DEMO_ACCOUNTS.find((a) => a.role === 'network-hub') ?? DEMO_ACCOUNTS[0];
    let seedArgs = ['--seed', 'demo'];
    if (flags.seed === 'scale') {
      const scale = await scaleEstate();
      demoAccounts = scale.accounts;
      base = scale.accounts[0];
      seedArgs = scale.args;
      // The estate's own accounts, unless the person starting it configured some.
      if (!process.env.TRELLIS_ACCOUNTS?.trim()) env.TRELLIS_ACCOUNTS = JSON.stringify(scale.accounts);
    }
    const localUrl = emulatorUrl?.replace(/\/$/, '') ?? `http://127.0.0.1:${emulatorPort}`;
    if (emulatorUrl === null) {
      const emulator = startProcess(
        bin('tsx'),
        ['lib/emulator/main.ts', '--port', String(emulatorPort), '--host', '127.0.0.1', '--data-dir', path.join(dataDir, 'lattice-local'), ...seedArgs, '--log-level', process.env.LATTICE_LOCAL_LOG_LEVEL ?? 'silent'],
        { label: 'lattice-local', env: process.env },
      );
      // The scale estate takes longer to generate than the demo one.
      await waitForHttp(`${localUrl}/_local/health`, emulator, flags.seed === 'scale' ? 300_000 : 30_000, 'lattice-local');
    } else {
      await waitForHttp(`${localUrl}/_local/health`, null, 30_000, `lattice-local at ${localUrl}`);
    }
    Object.assign(env, {
      TRELLIS_DEMO: '1',
      AWS_ENDPOINT_URL: localUrl,
      AWS_REGION: process.env.AWS_REGION ?? DEMO_REGION,
      AWS_ACCESS_KEY_ID: base.id,
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    delete env.AWS_SESSION_TOKEN;
    delete env.AWS_PROFILE;
  }
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  let consoleServer: ReturnType<typeof startProcess>;
  if (flags.dev) {
    consoleServer = startProcess(bin('next'), ['dev', '-p', String(port), '-H', flags.host!], { label: 'console', env });
  } else {
    if (flags.build || (!flags['no-build'] && buildIsStale())) {
      console.log('trellis: building the console (next build)…');
      const code = await run(bin('next'), ['build'], { env: { ...env, NEXT_TELEMETRY_DISABLED: '1' } });
      if (code !== 0) throw new Error('next build failed (see above)');
    }
    consoleServer = startProcess(bin('next'), ['start', '-p', String(port), '-H', flags.host!], { label: 'console', env });
  }
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, consoleServer, 120_000, 'the console');

  if (!flags.quiet) {
    const lines = [`Trellis is ready: http://localhost:${port}`];
    if (flags.target === 'local') {
      lines.push(emulatorUrl === null ? `lattice-local: http://127.0.0.1:${emulatorPort} (data in ${path.relative(root, dataDir) || '.'}/lattice-local)` : `lattice-local: ${emulatorUrl} (started elsewhere)`);
      lines.push('Demo sign-ins (password "trellis"): admin, editor, approver, viewer');
      lines.push(`${flags.seed === 'scale' ? 'Scale' : 'Demo'} accounts (access key = account id, secret "test"):`);
      for (const a of demoAccounts) lines.push(`  ${a.id}  ${a.name}`);
    } else {
      lines.push('Target: AWS, with the SDK default credential chain.');
    }
    console.log(`\n${lines.join('\n')}\n`);
  }
}

main().catch(async (err) => {
  console.error(`trellis: ${err instanceof Error ? err.message : String(err)}`);
  // Nothing half-started stays behind: lattice-local without a console, or the reverse.
  await stopAll();
  console.error('trellis: stopped everything it had started.');
  process.exit(1);
});
