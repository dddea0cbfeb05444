import { describe, expect, it } from 'vitest';
import { parseExportQuery } from './request';

const q = (s: string) => parseExportQuery(new URLSearchParams(s));

describe('parseExportQuery', () => {
  it('reads every scope', () => {
    expect(q('format=terraform')).toEqual({ format: 'terraform', scope: { kind: 'estate' } });
    expect(q('format=cloudformation&scope=account:222222222222')).toEqual({ format: 'cloudformation', scope: { kind: 'account', account: '222222222222' } });
    expect(q('format=terraform&scope=design:0b5c6a8e-93f1-4c1e-9a51-1b2f3c4d5e6f')).toEqual({ format: 'terraform', scope: { kind: 'design', id: '0b5c6a8e-93f1-4c1e-9a51-1b2f3c4d5e6f' } });
    expect(q('format=terraform&scope=selection:arn:aws:vpc-lattice:us-east-1:1:service/svc-1,arn:aws:vpc-lattice:us-east-1:1:service/svc-2')).toEqual({
      format: 'terraform',
      scope: { kind: 'selection', ids: ['arn:aws:vpc-lattice:us-east-1:1:service/svc-1', 'arn:aws:vpc-lattice:us-east-1:1:service/svc-2'] },
    });
  });

  it('names the field and the rule of each problem', () => {
    expect(q('format=pulumi')).toEqual({ problems: [{ path: 'format', rule: 'terraform or cloudformation' }] });
    expect(q('format=terraform&scope=account:42')).toEqual({ problems: [{ path: 'scope', rule: 'account:<id> takes a 12-digit account id' }] });
    expect(q('format=terraform&scope=design:x')).toEqual({ problems: [{ path: 'scope', rule: 'design:<id> takes a design id (a UUID)' }] });
    expect(q('format=terraform&scope=selection:svc-1')).toEqual({ problems: [{ path: 'scope', rule: 'selection:<ARN>,… takes ARNs separated by commas' }] });
    expect(q('scope=galaxy')).toEqual({
      problems: [
        { path: 'format', rule: 'terraform or cloudformation' },
        { path: 'scope', rule: 'estate, account:<12-digit id>, design:<design id>, plan:<plan id> or selection:<ARN>,<ARN>…' },
      ],
    });
  });
});
