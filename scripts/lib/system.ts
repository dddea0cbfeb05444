// What `npm test` needs from the machine beyond node_modules: Debian's Chromium and a
// PostgreSQL server. Installs them with apt-get when it can (root), otherwise says exactly
// which command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const isRoot = process.getuid?.() === 0;
const hasAptGet = fs.existsSync('/usr/bin/apt-get');
let aptUpdated = false;

function aptInstall(packages: string[], why: string) {
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!isRoot || !hasAptGet) {
    throw new Error(`${why} is missing. Install it with:\n  sudo sh -c '${command}'`);
  }
  console.log(`test: installing ${packages.join(', ')} (${why}) with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}

export function ensureChromium(): string {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) aptInstall(['chromium', 'fonts-liberation'], "Debian's chromium (for the end-to-end tests)");
  if (!fs.existsSync(chromium)) throw new Error(`${chromium} is still missing after installing chromium`);
  return chromium;
}

function findPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(base, versions[0], 'bin') : null;
}

/** A port free on 127.0.0.1 now (the OS picks it), for a server started next. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TemporaryPostgres {
  url: string;
  /** Stops the server and removes its files; safe to call twice. */
  stop(): void;
}

/**
 * Starts a throw-away PostgreSQL server in a temporary directory on a free loopback port.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startTemporaryPostgres(): Promise<TemporaryPostgres> {
  let binDir = findPostgresBin();
  if (!binDir) {
    aptInstall(['postgresql'], 'a PostgreSQL server (for the database tests)');
    binDir = findPostgresBin();
  }
  if (!binDir) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql after installing postgresql');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const runAs = isRoot ? ['runuser', '-u', 'postgres', '--'] : [];
  if (isRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  fs.chmodSync(dir, 0o755);

  const exec = (args: string[]) => {
    const [cmd, ...rest] = [...runAs, ...args];
    const result = spawnSync(cmd, rest, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args[0]} failed:\n${result.stdout}${result.stderr}`);
  };
  exec([path.join(binDir, 'initdb'), '-D', dataDir, '-U', 'trellis', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  exec([
    path.join(binDir, 'pg_ctl'), '-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start',
  ]);
  exec([path.join(binDir, 'createdb'), '-h', '127.0.0.1', '-p', String(port), '-U', 'trellis', 'trellis_test']);

  let stopped = false;
  return {
    url: `postgres://trellis@127.0.0.1:${port}/trellis_test`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        exec([path.join(binDir!, 'pg_ctl'), '-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
