import { describe, expect, it } from 'vitest';
import { asJsonDocument, jsonLineDiff } from './json-diff';

const policy = (effect: string, principal: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Principal: { AWS: principal }, Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] });

describe('policy diff', () => {
  it('shows a changed policy as multi-line JSON with only the moved lines marked', () => {
    const lines = jsonLineDiff(policy('Allow', 'arn:aws:iam::111122223333:root'), policy('Allow', 'arn:aws:iam::444455556666:root'));
    expect(lines.filter((l) => l.kind === 'removed').map((l) => l.text.trim())).toEqual(['"AWS": "arn:aws:iam::111122223333:root"']);
    expect(lines.filter((l) => l.kind === 'added').map((l) => l.text.trim())).toEqual(['"AWS": "arn:aws:iam::444455556666:root"']);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines[0]).toEqual({ kind: 'same', text: '{' });
  });

  it('a new policy is all additions; keys are sorted so order alone is no change', () => {
    const created = jsonLineDiff(undefined, policy('Allow', '*'));
    expect(created.every((l) => l.kind === 'added')).toBe(true);
    expect(jsonLineDiff('{"b":1,"a":2}', { a: 2, b: 1 }).every((l) => l.kind === 'same')).toBe(true);
  });

  it('only JSON documents are diffed this way', () => {
    expect(asJsonDocument('AWS_IAM')).toBeNull();
    expect(asJsonDocument('{not json')).toBeNull();
    expect(asJsonDocument('{"a":1}')).toEqual({ a: 1 });
  });
});
