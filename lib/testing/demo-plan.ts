// lattice-local's demo estate for a test file, the console's SDK pointed at it, and lib/plan
// run over it as the console runs it: the live read (with the roles a design creates), the
// plan, and the apply through the console's own ports (lib/plan/runtime), the journal and lock
// in memory.
import { afterAll, beforeAll } from 'vitest';
import { accessOf, demoAccounts, forgetClients } from '@/lib/aws';
import { startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { applyPlan, planDiff, type ApplyPorts, type JournalEntry } from '@/lib/plan';
import { awsApplyPorts, readLiveForPlan, rolesOfKeys } from '@/lib/plan/runtime';
import type { Design } from '@/lib/topology/design';
import { inMemoryStorage } from './apply-ports';
import { pointSdkAt } from './sdk';

/** The network hub: the SDK's base account. */
export const DEMO_HUB = '111111111111';

const access = new Map(demoAccounts().map((a) => [a.id, accessOf(a)]));
export const demoAccessFor = (id: string) => access.get(id)!;
/** Every demo account: the owners of what is shared with the acting account are read too. */
export const everyDemoAccount = demoAccounts().map((a) => a.id);

/**
 * Starts the demo estate before the file's tests and stops it after them, restoring the
 * environment. Returns the running lattice-local (call it inside a test).
 */
export function withDemoEstate(): () => LatticeLocal {
  let local: LatticeLocal | undefined;
  const saved = { ...process.env };
  beforeAll(async () => {
    local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
    pointSdkAt(local.url, DEMO_HUB);
  }, 60_000);
  afterAll(async () => {
    forgetClients();
    await local?.stop();
    process.env = saved;
  });
  return () => local!;
}

/** The live state of the design's account and region, as the plan route reads it. */
export const readDemoLive = (account: string, region: string) => readLiveForPlan([account], [region], demoAccessFor, everyDemoAccount);

/** The design planned over the live state of its account and region, with the roles it creates read too. */
export async function planDemoDesign(design: Design) {
  const roles = rolesOfKeys(Object.values(design.records).filter((r) => r.kind === 'iamRole').map((r) => `iamRole:${r.account}:global:${String(r.spec.RoleName).toLowerCase()}`));
  const live = await readLiveForPlan([design.defaults.account], [design.defaults.region], demoAccessFor, everyDemoAccount, roles);
  return { plan: planDiff(design, live), roles };
}

/** Plans the design and applies the plan under `id`. */
export async function applyDemoDesign(id: string, design: Design) {
  const { plan, roles } = await planDemoDesign(design);
  const journal: JournalEntry[] = [];
  const ports: ApplyPorts = { ...awsApplyPorts({ accessFor: demoAccessFor, alsoRead: everyDemoAccount, roles }), ...inMemoryStorage(journal) };
  return { plan, result: await applyPlan({ id, ...plan }, ports) };
}
