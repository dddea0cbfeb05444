import { describe, expect, it } from 'vitest';
import { APP, HUB, IDS, REGION, sampleTopology } from '@/lib/topology/fixtures';
import type { Design } from '@/lib/topology/design';
import { costChange, DEFAULT_SERVICE_TRAFFIC, formatUsd, priceDesign, priceTopology, RATES } from './index';

const design = (records: Design['records']): Design => ({ schemaVersion: 1, records, positions: {}, defaults: { account: APP, region: REGION } });
const svc = (id: string, name: string) => ({ id, kind: 'service' as const, account: APP, region: REGION, spec: { name, authType: 'NONE' } });
const join = (id: string, service: string) => ({ id, kind: 'serviceNetworkServiceAssociation' as const, account: APP, region: REGION, spec: { serviceNetworkIdentifier: IDS.sn, serviceIdentifier: service } });

describe('lib/cost', () => {
  it('has one versioned table with its source and date, and us-east-1 at the published rates', () => {
    expect(RATES.version).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(RATES.source).toContain('aws.amazon.com/vpc/lattice/pricing');
    expect(RATES.regions['us-east-1']).toMatchObject({ serviceHour: 0.025, serviceGb: 0.025, perMillionRequests: 0.1, freeRequestsPerHour: 300_000 });
  });

  it('prices a service in a network per hour, requests beyond the free tier and GB processed, per account and per network', () => {
    const quiet = priceTopology(sampleTopology(), { traffic: { [IDS.svc]: { requestsPerSecond: 0, gbPerDay: 0 }, [IDS.rc]: { gbPerDay: 0 } } });
    expect(quiet.lines.find((l) => l.key === IDS.svc)).toMatchObject({ hourly: 18.25, requests: 0, data: 0, total: 18.25 });
    expect(quiet.byAccount[APP]).toBe(18.25);
    expect(quiet.byServiceNetwork[IDS.sn]).toMatchObject({ name: 'shop-network', services: 1, resourceConfigurations: 1, total: 18.25 });
    // 200 requests/s = 720,000 an hour, 420,000 of them billable: 420,000 × 730 / 1M × $0.10 = $30.66; 10 GB/day × 30.42 × $0.025 = $7.60.
    const busy = priceTopology(sampleTopology(), { traffic: { [IDS.svc]: { requestsPerSecond: 200, gbPerDay: 10 } } });
    expect(busy.lines.find((l) => l.key === IDS.svc)).toMatchObject({ requests: 30.66, data: 7.6 });
    // Defaults apply where nothing is given; the resource configuration pays for data only.
    const defaults = priceTopology(sampleTopology());
    expect(defaults.lines.find((l) => l.key === IDS.svc)!.traffic).toEqual(DEFAULT_SERVICE_TRAFFIC);
    expect(defaults.lines.find((l) => l.key === IDS.rc)).toMatchObject({ hourly: 0, data: 0.3 });
    expect(defaults.notes.join(' ')).toContain('unconfirmed');
  });

  it('says what a plan changes in a sentence: two services joining a network add two service-months', () => {
    const d = design({ 'new-a': svc('new-a', 'cart'), 'new-b': svc('new-b', 'wishlist'), 'new-ja': join('new-ja', 'new-a'), 'new-jb': join('new-jb', 'new-b') });
    const quiet = { traffic: { 'new-a': { requestsPerSecond: 0, gbPerDay: 0 }, 'new-b': { requestsPerSecond: 0, gbPerDay: 0 } } };
    const change = costChange(sampleTopology(), d, quiet);
    expect(change.delta).toBe(36.5);
    expect(change.sentence).toBe('+ $36.50/month: two services join shop-network');
    expect(priceDesign(d, sampleTopology(), quiet).total).toBeCloseTo(change.after, 2);
    // Removing the live association: the service leaves the network and stops costing.
    const leave = costChange(sampleTopology(), design({ [IDS.snSvcAssoc]: { ...join(IDS.snSvcAssoc, IDS.svc), arn: IDS.snSvcAssoc, removed: true } }), { traffic: { [IDS.svc]: { requestsPerSecond: 0, gbPerDay: 0 } } });
    expect(leave.sentence).toBe('− $18.25/month: one service leaves shop-network');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(HUB).toBe('111111111111');
  });
});
