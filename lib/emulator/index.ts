// lattice-local: a wire-compatible emulator of VPC Lattice, RAM, EC2 and STS.
// startLatticeLocal() is the one way to run it (the CLI in main.ts calls it too).
import { callOperation, rootCaller, prepareValidators, type CallOperationRequest } from './dispatch';
import type { RuntimeConfig } from './config';
import { createFaultInjector, type FaultConfig } from './faults';
import { collectGarbageNow } from './heap';
import { type LogLevel, startServer } from './server';
import { applySeed, type SeedName, type SeedOptions } from './seeds/index';
import { buildServices } from './services/index';
import { DEFAULT_QUOTAS } from './services/lattice/kinds';
import type { LocalContext } from './services/types';
import { createStore, type Store } from './store/index';

export type { FaultConfig } from './faults';
export type { LogLevel } from './server';
export type { SeedName, SeedOptions } from './seeds/index';
export type { Caller, LocalContext, OperationContext, ServiceName } from './services/types';
export type { Store, StoredRecord } from './store/index';
export type { RuntimeConfig } from './config';
export { DataFileError } from './store/index';
export { ServiceError, isServiceError } from './protocols/errors';
export { LOCAL_ADMIN_HEADERS } from './protocols/limits';
export { callOperation, rootCaller, type CallOperationRequest };
export { DEFAULT_QUOTAS };
// Store-level helpers for seeds and tests (what no API call can do).
export { setLifecycle, type LifecyclePatch } from './services/resources';
export { setTargetHealth } from './services/lattice/target-groups';
export { setOrganization, type Organization } from './services/ram/index';
export {
  createVpc, createSubnet, createSecurityGroup, createInstance, ensureDefaultVpc,
  type VpcInput, type SubnetInput, type SecurityGroupInput, type InstanceInput,
} from './services/ec2/inventory';

export interface LatticeLocalOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where state survives restarts; memory only when undefined. */
  dataDir?: string;
  seed?: SeedName;
  seedOptions?: SeedOptions;
  /** Discard the data directory's state (and seed again). */
  reset?: boolean;
  /** How long creates and deletes stay in progress; default 1000 ms, 0 allowed. */
  activationDelayMs?: number;
  faults?: FaultConfig;
  /** Quota overrides by Service Quotas code (L-…). */
  quotas?: Record<string, number>;
  /** Role ARNs for which AssumeRole answers AccessDenied. */
  deniedRoles?: string[];
  logLevel?: LogLevel;
}

export interface LatticeLocal {
  url: string;
  port: number;
  store: Store;
  /** For callOperation(), seeds and store helpers. */
  context: LocalContext;
  stop(): Promise<void>;
}

export async function startLatticeLocal(options: LatticeLocalOptions = {}): Promise<LatticeLocal> {
  const logLevel = options.logLevel ?? 'silent';
  const store = createStore({ dataDir: options.dataDir, reset: options.reset });
  const config: RuntimeConfig = {
    activationDelayMs: options.activationDelayMs ?? 1000,
    quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
    faults: { ...options.faults },
    deniedRoles: new Set(options.deniedRoles ?? []),
    defaultPageSize: 100,
  };
  const services = buildServices();
  const context: LocalContext = {
    store,
    config,
    services,
    log(level, message) {
      if (logLevel === 'debug' || (logLevel === 'info' && level === 'info')) console.log(message);
    },
  };
  let sweeper: NodeJS.Timeout | undefined;
  try {
    for (const service of services.values()) {
      for (const [kind, definition] of Object.entries(service.kinds ?? {})) store.defineKind(kind, definition);
    }
    prepareValidators(services.values());
    // A seed runs only on an empty store (a fresh data directory, or --reset).
    // A seed builds its estate as it stands once provisioned: what it creates is ACTIVE at once
    // (AWS refuses to associate or forward to what is still CREATE_IN_PROGRESS), and it leaves
    // resources in progress explicitly (seeds/helpers.ts).
    if (options.seed && store.isEmpty()) {
      const delay = config.activationDelayMs;
      config.activationDelayMs = 0;
      try {
        await store.bulk(() => applySeed(context, options.seed!, options.seedOptions));
      } finally {
        config.activationDelayMs = delay;
      }
    }
    if (options.seed || options.dataDir) collectGarbageNow();
    const faults = createFaultInjector(() => config.faults);
    const server = await startServer({ local: context, faults, port: options.port ?? 0, host: options.host ?? '127.0.0.1', logLevel });
    sweeper = setInterval(() => {
      const now = Date.now();
      for (const service of services.values()) service.sweep?.(context, now);
    }, 5000);
    sweeper.unref();
    let stopped = false;
    return {
      url: server.url,
      port: server.port,
      store,
      context,
      async stop() {
        if (stopped) return;
        stopped = true;
        clearInterval(sweeper);
        await server.close();
        store.close();
      },
    };
  } catch (error) {
    clearInterval(sweeper);
    store.close();
    throw error;
  }
}
