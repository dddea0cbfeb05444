import { describe, expect, it } from 'vitest';
import { type ModelName, loadModel } from './loader';
import { buildValidator, compilePattern, describeIssues } from './validator';

const lattice = loadModel('vpc-lattice');
const validate = buildValidator(lattice);
const paths = (issues: { path: string }[]) => issues.map((i) => i.path).sort();

describe('model validator', () => {
  it('compiles every pattern of every model', () => {
    for (const name of ['vpc-lattice', 'ram', 'sts', 'ec2-subset'] as ModelName[]) {
      for (const shape of Object.values(loadModel(name).shapes)) {
        if (shape.pattern !== undefined) expect(() => compilePattern(shape.pattern!)).not.toThrow();
      }
    }
  });

  it('accepts a valid request', () => {
    expect(validate('CreateServiceRequest', { name: 'orders', authType: 'AWS_IAM', tags: { team: 'a' } })).toEqual([]);
  });

  it('reports a missing required member', () => {
    const issues = validate('CreateServiceRequest', {});
    expect(issues).toEqual([{ path: 'name', rule: 'Member must not be null', kind: 'constraint' }]);
  });

  it('reports string lengths, patterns and enums', () => {
    expect(paths(validate('CreateServiceRequest', { name: 'ab' }))).toEqual(['name']);
    expect(validate('CreateServiceRequest', { name: 'ab' })[0]!.rule).toMatch(/length greater than or equal to 3/);
    expect(validate('CreateServiceRequest', { name: 'a'.repeat(41) })[0]!.rule).toMatch(/length less than or equal to 40/);
    expect(validate('CreateServiceRequest', { name: 'svc-reserved' })[0]!.rule).toMatch(/regular expression pattern/);
    expect(validate('CreateServiceRequest', { name: 'bad--name' })[0]!.rule).toMatch(/regular expression pattern/);
    expect(validate('CreateServiceRequest', { name: 'orders', authType: 'KERBEROS' })[0]!.rule).toMatch(/enum value set: \[NONE, AWS_IAM\]/);
  });

  it('anchors patterns: an id with extra characters fails', () => {
    expect(validate('GetServiceRequest', { serviceIdentifier: 'svc-0123456789abcdefg' })).toEqual([]);
    expect(paths(validate('GetServiceRequest', { serviceIdentifier: 'xsvc-0123456789abcdefg' }))).toEqual(['serviceIdentifier']);
  });

  it('reports number ranges', () => {
    const issues = validate('ListServicesRequest', { maxResults: 0 });
    expect(issues[0]).toMatchObject({ path: 'maxResults', rule: 'Member must have value greater than or equal to 1' });
    expect(validate('ListServicesRequest', { maxResults: 101 })[0]!.rule).toBe('Member must have value less than or equal to 100');
  });

  it('reports list and map sizes', () => {
    const tooMany = Array.from({ length: 6 }, (_, i) => ({ name: `h${i}`, match: { exact: 'x' } }));
    const issues = validate('HttpMatch', { headerMatches: tooMany });
    expect(issues).toEqual([expect.objectContaining({ path: 'headerMatches', rule: 'Member must have length less than or equal to 5' })]);
    const tags = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, "v"]));
    expect(validate('TagResourceRequest', { resourceArn: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0123456789abcdefg', tags }).map((i) => i.path)).toEqual(['tags']);
  });

  it('walks nested structures, lists and unions with member paths', () => {
    const issues = validate('CreateListenerRequest', {
      serviceIdentifier: 'svc-0123456789abcdefg',
      name: 'web',
      protocol: 'HTTP',
      port: 70000,
      defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'nope', weight: 1000 }] } },
    });
    expect(paths(issues)).toEqual(['defaultAction.forward.targetGroups[0].targetGroupIdentifier', 'defaultAction.forward.targetGroups[0].weight', 'port']);
    const union = validate('CreateListenerRequest', {
      serviceIdentifier: 'svc-0123456789abcdefg',
      name: 'web',
      protocol: 'HTTP',
      defaultAction: { fixedResponse: { statusCode: 404 }, forward: { targetGroups: [{ targetGroupIdentifier: 'tg-0123456789abcdefg' }] } },
    });
    expect(union).toEqual([expect.objectContaining({ path: 'defaultAction', rule: expect.stringMatching(/Exactly one member must be set, got 2/) })]);
  });

  it('flags values of the wrong type as parse problems', () => {
    const issues = validate('CreateServiceRequest', { name: 42 });
    expect(issues).toEqual([expect.objectContaining({ path: 'name', kind: 'type' })]);
  });

  it('summarizes issues as AWS does', () => {
    const text = describeIssues(validate('CreateServiceRequest', { name: 'ab' }));
    expect(text).toBe("1 validation error detected: Value 'ab' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 3");
  });
});
