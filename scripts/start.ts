// `npm start`: the console, ready in a browser.
//
// Against lattice-local (the default): starts the emulator seeded with the demo estate, points
// the console at it through the SDK's own endpoint variables, and prints the demo sign-ins.
// Against AWS (TRELLIS_TARGET=aws): starts no emulator and leaves credentials to the SDK's
// default chain.
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { bin, root, run, startProcess, stopChildrenOnExit, waitForHttp } from './lib/processes';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'emulator-port': { type: 'string', default: process.env.LATTICE_LOCAL_PORT ?? '4566' },
    'data-dir': { type: 'string', default: process.env.TRELLIS_DATA_DIR ?? '.trellis' },
    target: { type: 'string', default: process.env.TRELLIS_TARGET ?? 'local' },
    build: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

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

async function main() {
  stopChildrenOnExit();
  if (flags.fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA_DIR: dataDir, PORT: String(port) };
  let demoAccounts: { id: string; name: string }[] = [];

  if (flags.target === 'local') {
    const { DEMO_ACCOUNTS, DEMO_REGION } = await import('../lib/demo');
    demoAccounts = DEMO_ACCOUNTS;
    // The console's base account is the network hub; it assumes a role into the others.
    const base = DEMO_ACCOUNTS.find((a) => a.role === 'network-hub') ?? DEMO_ACCOUNTS[0];
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    const emulator = startProcess(
      bin('tsx'),
      ['lib/emulator/main.ts', '--port', String(emulatorPort), '--host', '127.0.0.1', '--data-dir', path.join(dataDir, 'lattice-local'), '--seed', 'demo', '--log-level', process.env.LATTICE_LOCAL_LOG_LEVEL ?? 'silent'],
      { label: 'lattice-local', env: process.env },
    );
    await waitForHttp(`${emulatorUrl}/_local/health`, emulator, 30_000, 'lattice-local');
    Object.assign(env, {
      TRELLIS_DEMO: '1',
      AWS_ENDPOINT_URL: emulatorUrl,
      AWS_REGION: process.env.AWS_REGION ?? DEMO_REGION,
      AWS_ACCESS_KEY_ID: base.id,
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    delete env.AWS_SESSION_TOKEN;
    delete env.AWS_PROFILE;
  }
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  if (flags.dev) {
    startProcess(bin('next'), ['dev', '-p', String(port), '-H', flags.host!], { label: 'console', env });
  } else {
    if (flags.build || (!flags['no-build'] && buildIsStale())) {
      console.log('trellis: building the console (next build)…');
      const code = await run(bin('next'), ['build'], { env: { ...env, NEXT_TELEMETRY_DISABLED: '1' } });
      if (code !== 0) fail('next build failed (see above)');
    }
    startProcess(bin('next'), ['start', '-p', String(port), '-H', flags.host!], { label: 'console', env });
  }
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, null, 120_000, 'the console');

  if (!flags.quiet) {
    const lines = [`Trellis is ready: http://localhost:${port}`];
    if (flags.target === 'local') {
      lines.push(`lattice-local: http://127.0.0.1:${emulatorPort} (data in ${path.relative(root, dataDir) || '.'}/lattice-local)`);
      lines.push('Demo sign-ins (password "trellis"): admin, editor, approver, viewer');
      lines.push('Demo accounts (access key = account id, secret "test"):');
      for (const a of demoAccounts) lines.push(`  ${a.id}  ${a.name}`);
    } else {
      lines.push('Target: AWS, with the SDK default credential chain.');
    }
    console.log(`\n${lines.join('\n')}\n`);
  }
}

main().catch((err) => {
  console.error(`trellis: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
