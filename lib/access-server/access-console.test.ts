// The console's side of access analysis: the API's request schema, policy references and
// placeholders, the plan-time policy check, the structured editor's JSON, and the canvas
// highlight of a decision.
import { describe, expect, it } from 'vitest';
import { parseInput, RequestError } from '@/lib/auth/errors';
import { evaluateAccess } from '@/lib/access';
import { estate, ROLE, X } from '@/lib/access/test-estate';
import { buildView } from '@/lib/topology';
import { addRecord, applyPatch, emptyDesign, POLICY_TEMPLATES, type Design } from '@/lib/topology/design';
import { compactPolicy, fillPolicyRefs, policyPlaceholder, resolvePolicyRefs } from '@/lib/topology/design/policy-refs';
import { highlightOf } from '@/components/access/highlight';
import { formToJson, jsonToForm, newStatement } from '@/components/access/policy-form';
import { questionFromParams, questionToParams } from '@/components/access/question';
import { accessMatrixSchema, accessRequestSchema } from './schema';
import { accessDiffOf, designTopology, matrixOf } from './engine';
import { authPolicyIssues, lintPolicyText } from './policy-issues';

const APP = '222222222222';
const ok = { source: { vpc: 'vpc-0123456789abcdef0', principal: null }, target: { service: 'svc-0123456789abcdefg', method: 'GET', path: '/orders' } };

function problems(body: unknown) {
  try {
    parseInput(accessRequestSchema, body);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(RequestError);
    return (err as RequestError).fields ?? [];
  }
}

describe('POST /api/access/evaluate body', () => {
  it('accepts the issue\'s body, ids or ARNs, a role, a session, an account or anonymous', () => {
    expect(problems(ok)).toEqual([]);
    expect(problems({ ...ok, source: { vpc: 'arn:aws:ec2:us-east-1:222222222222:vpc/vpc-0123456789abcdef0', principal: ROLE } })).toEqual([]);
    expect(problems({ ...ok, source: { vpc: ok.source.vpc, principal: 'arn:aws:sts::222222222222:assumed-role/ProductServiceRole/i-1' } })).toEqual([]);
    expect(problems({ ...ok, source: { vpc: ok.source.vpc, principal: '222222222222' } })).toEqual([]);
    expect(problems({ ...ok, target: { ...ok.target, port: 443, headers: { 'x-canary': 'true' }, query: { k: 'v', many: ['a', 'b'] } }, design: '5f541811-7f2f-4db6-8c28-51a8cd11f081' })).toEqual([]);
  });

  it('names each bad field and its rule', () => {
    expect(problems({ ...ok, target: { ...ok.target, method: 'get' } })).toEqual([{ path: 'target.method', rule: expect.stringContaining('capitals') }]);
    expect(problems({ ...ok, target: { ...ok.target, path: 'orders' } })).toEqual([{ path: 'target.path', rule: expect.stringContaining('starting with "/"') }]);
    expect(problems({ ...ok, source: { vpc: 'subnet-1', principal: null } })).toEqual([{ path: 'source.vpc', rule: expect.stringContaining('VPC id') }]);
    expect(problems({ ...ok, source: { vpc: ok.source.vpc, principal: 'arn:aws:iam::1:role/x' } })).toEqual([{ path: 'source.principal', rule: expect.stringContaining('IAM principal ARN') }]);
    expect(problems({ ...ok, source: { principal: null } })).toEqual([{ path: 'source.vpc', rule: 'required' }]);
    expect(problems({ ...ok, target: { ...ok.target, port: 70000 } })).toEqual([{ path: 'target.port', rule: 'a whole number from 1 to 65535' }]);
    expect(problems({ ...ok, extra: 1 })).toEqual([{ path: 'extra', rule: 'not a field of this request' }]);
    expect(problems({ ...ok, design: 'x' })).toEqual([{ path: 'design', rule: 'a design id (a UUID)' }]);
  });

  it('the matrix question: a principal or null, a method and a path', () => {
    expect(() => parseInput(accessMatrixSchema, { principal: null, method: 'GET', path: '/' })).not.toThrow();
    expect(() => parseInput(accessMatrixSchema, { principal: 'someone', method: 'GET', path: '/' })).toThrow(/source.principal|principal/);
  });
});

describe('policy references and placeholders', () => {
  const arn = 'arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdefg';

  it('fills ${service.arn} once the ARN is known and sends the policy on one line', () => {
    const text = JSON.stringify({ Statement: [{ Resource: '${service.arn}/*' }] }, null, 2);
    expect(compactPolicy(fillPolicyRefs(text, arn))).toBe(`{"Statement":[{"Resource":"${arn}/*"}]}`);
    // An id is not an ARN: left for the apply, which has the ARN.
    expect(fillPolicyRefs(text, 'svc-0123456789abcdefg')).toBe(text);
  });

  it('finds the placeholders a plan must never send', () => {
    expect(policyPlaceholder('{"Resource":"arn:aws:vpc-lattice:us-east-1:1:service/SERVICE_ID/*"}')).toBe('SERVICE_ID');
    expect(policyPlaceholder('{"aws:PrincipalOrgID":"o-exampleorgid"}')).toBe('o-exampleorgid');
    expect(policyPlaceholder('{"Resource":"${service.arn}/*"}')).toBeNull();
    expect(policyPlaceholder('{"Resource":"${svc.id}/*"}')).toBe('an unknown ${…} reference');
  });

  it('the templates fill in the account, the organization and the service by reference, and lint clean', () => {
    const methodPath = POLICY_TEMPLATES.find((t) => t.id === 'method-path')!;
    const org = POLICY_TEMPLATES.find((t) => t.id === 'organization')!;
    const forNew = methodPath.build({ region: 'us-east-1', account: APP, owner: 'service' });
    expect(forNew).toContain('${service.arn}/*');
    expect(forNew).not.toContain('SERVICE_ID');
    expect(lintPolicyText(forNew).filter((m) => m.severity === 'error')).toEqual([]);
    expect(methodPath.build({ region: 'us-east-1', account: APP, resourceArn: arn })).toContain(`${arn}/*`);
    expect(org.build({ region: 'us-east-1', account: APP, organizationId: 'o-tr3llis7demo' })).toContain('o-tr3llis7demo');
    // Without an organization the example id stays, and the plan refuses it.
    expect(lintPolicyText(org.build({ region: 'us-east-1', account: APP })).some((m) => m.severity === 'error' && m.message.includes('o-exampleorgid'))).toBe(true);
  });

  it('lint while typing: the engine\'s findings, not the layout (Trellis compacts newlines away)', () => {
    const bad = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"vpc-lattice-svcs:Invok","Resource":"*"}]}';
    expect(lintPolicyText(bad)).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('Invok') })]);
    expect(lintPolicyText(JSON.stringify(JSON.parse(bad.replace('Invok', 'Invoke')), null, 2))).toEqual([]);
  });
});

function designWithPolicy(policy: string): Design {
  let d = emptyDesign(APP, 'us-east-1');
  d = applyPatch(d, addRecord(d, { id: 'svc', kind: 'service', spec: { name: 'inventory', authType: 'AWS_IAM' } }).patch);
  d = applyPatch(d, addRecord(d, { id: 'pol', kind: 'authPolicy', spec: { resourceIdentifier: 'svc', policy } }).patch);
  return d;
}

describe('designs', () => {
  it('a plan is refused while a policy has a lint error or a placeholder', () => {
    const placeholder = designWithPolicy(POLICY_TEMPLATES.find((t) => t.id === 'organization')!.build({ region: 'us-east-1', account: APP }));
    expect(authPolicyIssues(placeholder)).toEqual([expect.objectContaining({ recordId: 'pol', path: 'policy', severity: 'error', code: 'policy-lint' })]);
    const fine = designWithPolicy(POLICY_TEMPLATES.find((t) => t.id === 'method-path')!.build({ region: 'us-east-1', account: APP, owner: 'service' }));
    expect(authPolicyIssues(fine).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('references resolve for live owners at plan time and stay for new ones (the apply fills them)', () => {
    const d = designWithPolicy('{"Statement":[{"Resource":"${service.arn}/*"}]}');
    expect(resolvePolicyRefs(d).unresolved).toEqual(['pol']);
    const live = { nodes: [{ id: X.orders, kind: 'service' as const, account: APP, region: 'us-east-1', name: 'inventory', status: 'ACTIVE', tags: {}, seenBy: [APP], description: {} }], edges: [], errors: [] };
    const resolved = resolvePolicyRefs(d, live);
    expect(resolved.unresolved).toEqual([]);
    expect(resolved.design.records.pol!.spec.policy).toContain(`${X.orders}/*`);
  });

  it('the desired state of a design answers for a service it creates, its policy naming it by reference', () => {
    const live = estate();
    let d = designWithPolicy(POLICY_TEMPLATES.find((t) => t.id === 'method-path')!.build({ region: 'us-east-1', account: APP, owner: 'service', roleArn: ROLE }));
    d = applyPatch(d, addRecord(d, { id: 'lst', kind: 'listener', spec: { serviceIdentifier: 'svc', name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: { fixedResponse: { statusCode: 200 } } } }).patch);
    d = applyPatch(d, addRecord(d, { id: 'assoc', kind: 'serviceNetworkServiceAssociation', spec: { serviceNetworkIdentifier: X.platform, serviceIdentifier: 'svc' } }).patch);
    const desired = designTopology(d, live);
    const asRole = evaluateAccess(desired, { source: { vpc: X.appVpc, principal: ROLE }, target: { service: 'svc', method: 'GET', path: '/orders/1' } });
    const anonymous = evaluateAccess(desired, { source: { vpc: X.appVpc, principal: null }, target: { service: 'svc', method: 'GET', path: '/orders/1' } });
    expect(asRole.steps.find((s) => s.check === 'serviceAuth')?.result).toBe('pass');
    expect(anonymous.decision).toBe('deny');
    // And the plan's access diff sees the new pair.
    const diff = accessDiffOf(live, desired);
    expect(diff.reachable.map((p) => p.serviceName)).toContain('inventory');
    expect(diff.headlines[0]).toMatch(/^This plan lets \d+ VPCs? reach/);
  });
});

describe('the matrix', () => {
  it('answers every caller VPC × every service with few distinct reasons', () => {
    const m = matrixOf(estate(), { principal: ROLE, method: 'GET', path: '/orders' });
    expect(m.pairs).toBe(m.vpcs.length * m.services.length);
    expect(m.cells).toHaveLength(m.vpcs.length);
    const verdicts = new Set(m.cells.flat().map((i) => m.reasons[i]!.verdict));
    expect(verdicts.has('allow')).toBe(true);
    expect(verdicts.has('unreachable')).toBe(true);
    expect(m.reasons.length).toBeLessThanOrEqual(m.pairs);
  });
});

describe('the canvas', () => {
  it('lights the path and draws the missing link of an unreachable service', () => {
    const t = estate();
    const view = buildView(t);
    const allowed = evaluateAccess(t, { source: { vpc: X.appVpc, principal: ROLE }, target: { service: X.orders, method: 'GET', path: '/orders' } });
    const lit = highlightOf(allowed, t, view, { vpc: X.appVpc, service: X.orders });
    expect(lit.nodes.get(X.appVpc)).toBe('path');
    expect([...lit.edges.values()]).toContain('path');
    expect(lit.missing).toBeUndefined();
    const lonely = evaluateAccess(t, { source: { vpc: X.lonelyVpc, principal: null }, target: { service: X.orders, method: 'GET', path: '/' } });
    expect(lonely.reachable).toBe(false);
    const dark = highlightOf(lonely, t, view, { vpc: X.lonelyVpc, service: X.orders });
    expect(dark.missing ?? [...dark.edges.values()].find((m) => m === 'failed')).toBeTruthy();
  });

  it('a question round-trips through the URL', () => {
    const q = { vpc: 'vpc-1', principal: ROLE, service: 'svc-1', method: 'POST', path: '/orders', port: 443, headers: { 'x-canary': 'true' } };
    expect(questionFromParams(questionToParams(q, new URLSearchParams('node=x')))).toEqual(q);
    expect(questionFromParams(new URLSearchParams('node=x'))).toBeNull();
  });
});

describe('the structured policy editor', () => {
  it('writes one-line IAM JSON and reads it back', () => {
    const s = { ...newStatement('${service.arn}/*'), sid: 'Readers', who: 'named' as const, principals: [ROLE], methods: ['GET', 'POST'], paths: ['/orders*'], conditions: [{ operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: ['o-tr3llis7demo'] }] };
    const json = formToJson([s, { ...newStatement('*'), effect: 'Deny', who: 'anyone', methods: ['DELETE'], paths: [] }]);
    expect(json).not.toContain('\n');
    const doc = JSON.parse(json);
    expect(doc.Statement[0]).toEqual({
      Sid: 'Readers',
      Effect: 'Allow',
      Principal: { AWS: ROLE },
      Action: 'vpc-lattice-svcs:Invoke',
      Resource: '${service.arn}/*',
      Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'], 'aws:PrincipalOrgID': 'o-tr3llis7demo' }, StringLike: { 'vpc-lattice-svcs:RequestPath': '/orders*' } },
    });
    expect(jsonToForm(json)).toEqual([s, { ...newStatement('*'), effect: 'Deny', who: 'anyone', methods: ['DELETE'], paths: [] }]);
    expect(lintPolicyText(json).filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('"any signed caller" is the authenticated-only condition, and a policy it cannot show reads as null', () => {
    const json = formToJson([{ ...newStatement('*'), who: 'authenticated', methods: [], paths: [] }]);
    expect(JSON.parse(json).Statement[0].Condition).toEqual({ StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'Anonymous' } });
    expect(jsonToForm(json)![0]!.who).toBe('authenticated');
    expect(jsonToForm('{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"x"},"Action":"*","Resource":"*"}]}')).toBeNull();
  });
});
