import { describe, expect, it } from 'vitest';
import type { TopologyNode } from '../types';
import { addRecord, applyPatch, emptyDesign } from './index';
import { destinationArnProblem, functionChoices, lambdaTargetProblem, logGroupChoices, policyAllowsLattice } from './pickers';
import { validateDesign } from './validate';

const A = '222222222222';
const B = '333333333333';
const fn = (account: string, region: string, name: string, resourcePolicy?: TopologyNode['resourcePolicy']): TopologyNode => ({
  id: `arn:aws:lambda:${region}:${account}:function:${name}`,
  kind: 'lambdaFunction',
  account,
  region,
  name,
  status: 'Active',
  tags: {},
  seenBy: [account],
  description: { FunctionName: name, Runtime: 'nodejs20.x' },
  ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
});
const latticePolicy = { Version: '2012-10-17', Statement: [{ Sid: 'vpc-lattice-invoke', Effect: 'Allow', Principal: { Service: 'vpc-lattice.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:222222222222:function:orders' }] };

describe('function picker', () => {
  it('offers functions, those in the target group account and Region first, with whether Lattice may invoke them', () => {
    const nodes = [
      fn(B, 'us-east-1', 'audit'),
      fn(A, 'eu-west-1', 'archive'),
      fn(A, 'us-east-1', 'orders', latticePolicy),
      fn(A, 'us-east-1', 'billing', null),
      { ...fn(A, 'us-east-1', 'ghost'), external: true },
    ];
    const choices = functionChoices({ nodes }, { account: A, region: 'us-east-1' });
    expect(choices.map((c) => [c.name, c.sameAccountAndRegion, c.allowsLattice])).toEqual([
      ['billing', true, false],
      ['orders', true, true],
      ['archive', false, undefined],
      ['audit', false, undefined],
    ]);
    expect(choices[1]).toMatchObject({ arn: 'arn:aws:lambda:us-east-1:222222222222:function:orders', runtime: 'nodejs20.x' });
  });

  it('reads a function policy: Allow to vpc-lattice.amazonaws.com for lambda:InvokeFunction', () => {
    expect(policyAllowsLattice(undefined)).toBeUndefined();
    expect(policyAllowsLattice(null)).toBe(false);
    expect(policyAllowsLattice(latticePolicy)).toBe(true);
    expect(policyAllowsLattice({ Statement: [{ ...latticePolicy.Statement[0], Effect: 'Deny' }] })).toBe(false);
    expect(policyAllowsLattice({ Statement: { Effect: 'Allow', Principal: { Service: ['elasticloadbalancing.amazonaws.com'] }, Action: 'lambda:InvokeFunction' } })).toBe(false);
  });

  it('a LAMBDA target must be a function ARN, typed or picked', () => {
    expect(lambdaTargetProblem('arn:aws:lambda:us-east-1:222222222222:function:orders')).toBeNull();
    expect(lambdaTargetProblem('arn:aws:lambda:us-east-1:222222222222:function:orders:live')).toBeNull();
    expect(lambdaTargetProblem('orders')).toMatch(/function ARN/);
    let d = emptyDesign(A, 'us-east-1');
    const tg = addRecord(d, { kind: 'targetGroup', spec: { name: 'fn', type: 'LAMBDA', config: { lambdaEventStructureVersion: 'V2' } } });
    d = applyPatch(d, tg.patch);
    const t = addRecord(d, { kind: 'target', spec: { targetGroupIdentifier: tg.id, id: '10.0.0.1' } });
    d = applyPatch(d, t.patch);
    expect(validateDesign(d).filter((i) => i.code === 'lambda-target').map((i) => [i.recordId, i.path])).toEqual([[t.id, 'id']]);
  });
});

describe('access-log destination picker', () => {
  it('offers log groups, those in the resource account and Region first, named without :*', () => {
    const group = (account: string, region: string, name: string): TopologyNode => ({ id: `arn:aws:logs:${region}:${account}:log-group:${name}:*`, kind: 'logGroup', account, region, name, status: 'ACTIVE', tags: {}, seenBy: [account], description: { logGroupName: name, retentionInDays: 30 } });
    const choices = logGroupChoices({ nodes: [group(B, 'us-east-1', '/b'), group(A, 'us-east-1', '/lattice/orders')] }, { account: A, region: 'us-east-1' });
    expect(choices).toEqual([
      { arn: 'arn:aws:logs:us-east-1:222222222222:log-group:/lattice/orders', name: '/lattice/orders', account: A, region: 'us-east-1', retentionInDays: 30 },
      { arn: 'arn:aws:logs:us-east-1:333333333333:log-group:/b', name: '/b', account: B, region: 'us-east-1', retentionInDays: 30 },
    ]);
  });

  it('checks a typed ARN against the model, then against the destinations Lattice delivers to', () => {
    expect(destinationArnProblem('arn:aws:s3:::my-access-logs')).toBeNull();
    expect(destinationArnProblem('arn:aws:firehose:us-east-1:222222222222:deliverystream/lattice-logs')).toBeNull();
    expect(destinationArnProblem('arn:aws:logs:us-east-1:222222222222:log-group:/lattice/orders')).toBeNull();
    expect(destinationArnProblem('short')).toMatch(/^Member must have length between 20 and 2048/);
    expect(destinationArnProblem('not an arn at all, but long')).toMatch(/^Member must satisfy regular expression pattern/);
    expect(destinationArnProblem('arn:aws:sqs:us-east-1:222222222222:queue')).toMatch(/log group, an S3 bucket or a Data Firehose stream/);
    expect(destinationArnProblem('arn:aws:s3:::Bad_Bucket')).toMatch(/^Not a S3 bucket ARN/);
    expect(destinationArnProblem('arn:aws:firehose:us-east-1:222222222222:stream/x')).toMatch(/deliverystream/);
  });
});
