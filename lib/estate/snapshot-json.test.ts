import { describe, expect, it } from 'vitest';
import type { Topology } from '@/lib/topology';
import { topologyJson } from './snapshot-json';

function topology(nodes: number, edges: number): Topology {
  return {
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-${i}`, kind: 'service' as const, account: '111111111111', region: 'us-east-1', name: `svc-${i}`, status: 'ACTIVE', tags: { n: String(i), quote: 'a "b"' }, seenBy: ['111111111111'], description: { name: `svc-${i}` } })),
    edges: Array.from({ length: edges }, (_, i) => ({ id: `e${i}`, kind: 'serviceNetworkService' as const, source: `s${i}`, target: `t${i}` })),
    errors: [{ account: '222222222222', region: 'us-east-1', message: 'AccessDenied: no' }],
    discoveredAt: '2026-01-01T00:00:00.000Z',
    deferred: ['accessLogSubscription'],
  };
}

describe('topologyJson', () => {
  it('gives the JSON one JSON.stringify gives, across several slices and for empty lists', async () => {
    for (const t of [topology(1234, 501), topology(0, 0), { nodes: [], edges: [], errors: [] }]) {
      const text = await topologyJson(t);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(t)));
    }
  });
});
