// `npm run local -- [--port 4566] [--host 127.0.0.1] [--data-dir DIR] [--seed demo|empty|scale]
//   [--accounts N] [--services N] [--reset] [--activation-delay MS] [--log-level silent|info|debug]
//   [--latency MS] [--jitter MS] [--throttle-rps N] [--error-rate R] [--deny-roles ARN,ARN]
//   [--quotas L-620C821E=5000,…]`
// Every flag can also come from LATTICE_LOCAL_<FLAG> (e.g. LATTICE_LOCAL_DATA_DIR).
import { parseArgs } from 'node:util';
import { DataFileError, startLatticeLocal } from './index';
import { parseFaultConfig } from './faults';

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  seed: { type: 'string' },
  accounts: { type: 'string' },
  services: { type: 'string' },
  reset: { type: 'boolean' },
  'activation-delay': { type: 'string' },
  'log-level': { type: 'string' },
  latency: { type: 'string' },
  jitter: { type: 'string' },
  'throttle-rps': { type: 'string' },
  'error-rate': { type: 'string' },
  'deny-roles': { type: 'string' },
  quotas: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function fail(message: string): never {
  console.error(`lattice-local: ${message}`);
  process.exit(2);
}

/** A flag's value, else its LATTICE_LOCAL_* variable. */
function setting(values: Record<string, string | boolean | undefined>, name: keyof typeof FLAGS): string | undefined {
  const flag = values[name];
  if (flag !== undefined) return String(flag);
  return process.env[`LATTICE_LOCAL_${name.toUpperCase().replaceAll('-', '_')}`] || undefined;
}

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) fail(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ options: FLAGS, strict: true }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(
      'usage: npm run local -- [--port 4566] [--host 127.0.0.1] [--data-dir DIR] [--seed demo|empty|scale] [--accounts N] [--services N]\n' +
        '         [--reset] [--activation-delay MS] [--log-level silent|info|debug] [--latency MS] [--jitter MS]\n' +
        '         [--throttle-rps N] [--error-rate 0..1] [--deny-roles ARN[,ARN…]] [--quotas CODE=N[,CODE=N…]]\n' +
        'Each flag may also be set as LATTICE_LOCAL_<FLAG>, e.g. LATTICE_LOCAL_DATA_DIR.',
    );
    return;
  }
  const seed = setting(values, 'seed') ?? 'empty';
  if (!['demo', 'empty', 'scale'].includes(seed)) fail(`--seed must be demo, empty or scale, got "${seed}"`);
  const logLevel = setting(values, 'log-level') ?? 'info';
  if (!['silent', 'info', 'debug'].includes(logLevel)) fail(`--log-level must be silent, info or debug, got "${logLevel}"`);
  const resetRaw = setting(values, 'reset');
  let faults;
  try {
    faults = parseFaultConfig(
      Object.fromEntries(
        Object.entries({
          latencyMs: setting(values, 'latency'),
          jitterMs: setting(values, 'jitter'),
          throttleRps: setting(values, 'throttle-rps'),
          errorRate: setting(values, 'error-rate'),
        }).filter(([, v]) => v !== undefined),
      ),
    );
  } catch (error) {
    fail((error as Error).message);
  }
  const quotas: Record<string, number> = {};
  for (const pair of setting(values, 'quotas')?.split(',').filter(Boolean) ?? []) {
    const [code, value] = pair.split('=').map((p) => p.trim());
    if (!code || !/^L-[0-9A-F]{8}$/.test(code)) fail(`--quotas: "${pair}" must be a Service Quotas code and a value, e.g. L-620C821E=5000`);
    quotas[code] = integer(`quotas ${code}`, value, 0, 10_000_000)!;
  }
  const host = setting(values, 'host') ?? '127.0.0.1';
  const emulator = await startLatticeLocal({
    port: integer('port', setting(values, 'port'), 0, 65535) ?? 4566,
    host,
    dataDir: setting(values, 'data-dir'),
    seed: seed as 'demo' | 'empty' | 'scale',
    seedOptions: {
      accounts: integer('accounts', setting(values, 'accounts'), 1, 1000),
      services: integer('services', setting(values, 'services'), 0, 100_000),
    },
    reset: resetRaw === 'true' || resetRaw === '1',
    activationDelayMs: integer('activation-delay', setting(values, 'activation-delay'), 0, 86_400_000),
    faults,
    quotas,
    deniedRoles: setting(values, 'deny-roles')?.split(',').map((r) => r.trim()).filter(Boolean),
    logLevel: logLevel as 'silent' | 'info' | 'debug',
  });
  console.log(`lattice-local listening on ${emulator.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (logLevel !== 'silent') console.log(`lattice-local: ${signal}, stopping`);
    emulator.stop().then(
      () => process.exit(0),
      (error) => {
        console.error('lattice-local: stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof DataFileError) fail(error.message.replace(/^lattice-local: /, ''));
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') fail(`port in use: ${(error as Error).message}`);
  // A seed or configuration refusal is a message for the person at the terminal; the stack
  // only helps whoever debugs lattice-local itself.
  console.error(`lattice-local: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.LATTICE_LOCAL_LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
