import { describe, expect, it } from 'vitest';
import { describePattern, describeShape } from './describe';
import { loadModel } from './loader';

// What a raw regular expression looks like: escapes, groups, lookaheads, quantifiers, classes.
const RAW = /\\[dSws.-]|\(\?[!:=]|\]\{|\[[^\]]*-[^\]]*\]|\.\*|\)[?*+]|\|/;

describe('constraint sentences', () => {
  it('phrase a resource name rule as in the console', () => {
    expect(describeShape(loadModel('vpc-lattice').shapes.ServiceName)).toBe('3–40 characters: lowercase letters, digits and hyphens; must not start with `svc-` or a hyphen, end with a hyphen or contain `--`');
    expect(describePattern('(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+')).toBe('lowercase letters, digits and hyphens; must not start with a hyphen, end with a hyphen or contain `--`');
  });

  it('read identifiers, ARNs, alternatives and contains-rules construct by construct', () => {
    expect(describePattern('svc-[0-9a-z]{17}')).toBe('svc-‹17 lowercase letters or digits›');
    expect(describePattern('vpc-(([0-9a-z]{8})|([0-9a-z]{17}))')).toBe('vpc-‹8 or 17 lowercase letters or digits›');
    expect(describePattern('arn:[a-z0-9\\-]+:vpc-lattice:[a-zA-Z0-9\\-]+:\\d{12}:service/svc-[0-9a-z]{17}')).toBe('an ARN: arn:‹partition›:vpc-lattice:‹region›:‹account id›:service/svc-‹17 lowercase letters or digits›');
    expect(describePattern('((\\d{1,5}\\-\\d{1,5})|(\\d+))')).toBe('either ‹1–5 digits›-‹1–5 digits› or digits');
    expect(describePattern('.*\\S.*')).toBe('must contain a non-space character');
    expect(describePattern('.*(^[0-9-,]+$|(^$)).*')).toBe('either digits, hyphens and commas or empty');
  });

  it('fall back to a generic sentence, never the expression, when a pattern has no readable structure', () => {
    expect(describePattern('(a(b|c)*d){2,}\\k<x>')).toBe('must be in the format the API documents for this field');
  });

  it('every string field of the Lattice model reads without a raw regular expression', () => {
    for (const model of ['vpc-lattice'] as const) {
      const shapes = loadModel(model).shapes;
      let checked = 0;
      for (const [name, shape] of Object.entries(shapes)) {
        if (shape.type !== 'string' || shape.pattern === undefined) continue;
        const sentence = describeShape(shape)!;
        expect(sentence, name).toBeTruthy();
        expect(sentence, name).not.toContain(shape.pattern);
        expect(RAW.test(sentence), `${name}: ${sentence}`).toBe(false);
        expect(sentence, name).not.toContain('the API documents');
        checked++;
      }
      expect(checked).toBeGreaterThan(60);
    }
  });

  it('numbers, lists and enums', () => {
    expect(describeShape({ type: 'integer', min: 1, max: 65535 })).toBe('a number from 1 to 65535');
    expect(describeShape({ type: 'string', enum: ['HTTP', 'HTTPS'] })).toBe('one of HTTP, HTTPS');
    expect(describeShape({ type: 'list', max: 5 })).toBe('at most 5 items');
  });
});
