// Planning and applying read the live estate with different acting accounts (a plan acts only
// where it has operations), yet both must fingerprint the same records identically, or an
// unchanged estate would be refused as stale at apply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveRecords } from '@/lib/topology/design';
import { fingerprintOf, indexLive } from './fingerprint';
import { readLiveForPlan } from './runtime';
import { startLocalEstate, TEST_REGION, type LocalEstate } from '@/lib/testing/local-estate';

const HUB = '111111111111';
const STOREFRONT = '222222222222';
const PAYMENTS = '333333333333';
const accessFor = (id: string) => (id === HUB ? { id } : { id, roleArn: `arn:aws:iam::${id}:role/TrellisConsole` });

let estate: LocalEstate;
beforeAll(async () => {
  estate = await startLocalEstate(HUB, { seed: 'demo' });
});
afterAll(() => estate?.stop());

describe('readLiveForPlan', () => {
  it('fingerprints every record the same whichever accounts the read acts in', async () => {
    const everyone = [HUB, STOREFRONT, PAYMENTS];
    const asPlanned = await readLiveForPlan([STOREFRONT, PAYMENTS], [TEST_REGION], accessFor, everyone);
    const asApplied = await readLiveForPlan([STOREFRONT], [TEST_REGION], accessFor, everyone);
    const planned = indexLive(liveRecords(asPlanned));
    const applied = indexLive(liveRecords(asApplied));
    const keys = [...planned.byKey.keys()];
    // The payments VPC association carries its security groups in both reads.
    expect(keys.some((k) => k.includes('serviceNetworkVpcAssociation'))).toBe(true);
    expect(fingerprintOf(keys, applied).states).toEqual(fingerprintOf(keys, planned).states);
  });

  it('reads many accounts in a discovery process, with the same records as a read here', async () => {
    // Seven accounts are read on this loop; an eighth, empty one (DISCOVERY_PROCESS_MIN_ACCOUNTS)
    // sends the read to a process of its own.
    const seven = [HUB, STOREFRONT, PAYMENTS, '444444444444', '555555555555', '666666666666', '777777777777'];
    const here = indexLive(liveRecords(await readLiveForPlan([STOREFRONT], [TEST_REGION], accessFor, seven)));
    const offLoop = await readLiveForPlan([STOREFRONT], [TEST_REGION], accessFor, [...seven, '888888888888']);
    expect(offLoop.nodes.some((n) => n.account === '555555555555')).toBe(true);
    const keys = [...here.byKey.keys()];
    expect(keys.length).toBeGreaterThan(50);
    expect(fingerprintOf(keys, indexLive(liveRecords(offLoop))).states).toEqual(fingerprintOf(keys, here).states);
  });
});
