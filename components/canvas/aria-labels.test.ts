import { describe, expect, it } from 'vitest';
import { edgeAriaLabel, nodeAriaLabel } from './aria-labels';

describe('canvas labels for screen readers', () => {
  it('names a box by kind and name, and a line by what it links, without ARNs', () => {
    const network = { kind: 'serviceNetwork' as const, label: 'retail' };
    const service = { kind: 'service' as const, label: 'checkout' };
    expect(nodeAriaLabel(service)).toMatch(/checkout$/);
    const label = edgeAriaLabel({ kind: 'serviceNetworkService' }, network, service);
    expect(label).toContain('retail');
    expect(label).toContain('service association');
    expect(label).toContain('checkout');
    expect(label).not.toMatch(/arn:/);
    expect(edgeAriaLabel({ kind: 'forward' }, service, undefined)).toContain('a resource not shown');
    expect(nodeAriaLabel({ kind: 'aggregate', label: '40 services' })).toBe('Group: 40 services');
  });
});
