// A design's sharing edits planned and applied through lib/plan with the console's own apply
// ports (lib/plan/runtime; only the journal and lock are in memory), against lattice-local's
// demo estate.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AssociateResourceShareCommand } from '@aws-sdk/client-ram';
import { accessOf, demoAccounts, discoverEstate, forgetClients } from '@/lib/aws';
import { startLatticeLocal } from '@/lib/emulator';
import { clientsFor } from '@/lib/testing/clients';
import { pointSdkAt } from '@/lib/testing/sdk';
import { applyPlan, planDiff, type ApplyPorts, type JournalEntry } from '@/lib/plan';
import { awsApplyPorts } from '@/lib/plan/runtime';
import { inMemoryStorage } from '@/lib/testing/apply-ports';
import { emptyDesign } from '@/lib/topology/design';
import { liveShares } from './plan';

let local: Awaited<ReturnType<typeof startLatticeLocal>>;
const saved = { ...process.env };
const access = new Map(demoAccounts().map((a) => [a.id, accessOf(a)]));
const accountNames = new Map(demoAccounts().map((a) => [a.id, a.name]));
const discover = async () => (await discoverEstate(demoAccounts().map((a) => ({ ...accessOf(a), name: a.name, regions: a.regions })))).topology;

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, '111111111111');
}, 60_000);

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

/** The console's own apply ports (lib/plan/runtime), with the journal and lock in memory. */
function ports(journal: JournalEntry[]): ApplyPorts {
  return { ...awsApplyPorts({ accessFor: (id) => access.get(id)! }), ...inMemoryStorage(journal) };
}

it('plans a design with sharing edits, applies it, and refuses the plan once the share changed out of band', async () => {
  const live = await discover();
  const retail = liveShares(live).find((s) => s.name === 'retail-services')!;
  const design = { ...emptyDesign('111111111111', 'us-east-1'), shares: [{ action: 'update', shareArn: retail.arn, removePrincipals: ['555555555555'] }] };
  const plan = planDiff(design, live, { accountNames });
  expect(plan.operations.map((o) => [o.id, o.call, o.consequence])).toEqual([['op-001', 'DisassociateResourceShare', 'analytics-partner (555555555555) loses access to retail-services.']]);
  expect(plan.fingerprint.states.map(([key]) => key)).toEqual(['resourceShare:111111111111:us-east-1:retail-services']);
  const journal: JournalEntry[] = [];
  expect((await applyPlan({ id: 'p1', ...plan }, ports(journal))).outcome).toBe('succeeded');

  const plan2 = planDiff({ ...design, shares: [{ action: 'update', shareArn: retail.arn, addPrincipals: ['555555555555'] }] }, await discover(), { accountNames });
  await clientsFor(local.url, '111111111111').ram.send(new AssociateResourceShareCommand({ resourceShareArn: retail.arn, principals: ['999999999999'] }));
  const stale = await applyPlan({ id: 'p2', ...plan2 }, ports(journal));
  expect(stale.outcome).toBe('stale');
  // The refusal names what moved: the principal added out of band.
  expect(stale.staleChanges).toEqual([{ key: 'resourceShare:111111111111:us-east-1:retail-services', change: 'changed', fields: [{ path: 'principals', before: expect.not.arrayContaining(['999999999999']), after: expect.arrayContaining(['999999999999']) }] }]);
});
