// The matrix agrees with evaluateAccess pair by pair; desiredTopology applies a design's
// records; accessDiff names what a change gains and loses; lintAuthPolicy finds what IAM
// would refuse; principalsInPolicies lists who the policies name.
import { describe, expect, it } from 'vitest';
import { applyPatch, emptyDesign, importLive, liveRecords, type Design, type DesignRecord } from '@/lib/topology/design';
import type { Topology } from '@/lib/topology/types';
import { accessDiff, accessMatrix, desiredTopology, evaluateAccess, lintAuthPolicy, matrixCsv, principalsInPolicies, summarizeAccessDiff } from './index';
import { cellOfDecision } from './matrix';
import { allowWith, APP, DATA, edit, estate, HUB, OTHER, recipePolicy, ROLE, SESSION, X } from './test-estate';

const REGION = 'us-east-1';

function liveDesign(t: Topology): Design {
  return applyPatch(emptyDesign(APP, REGION), importLive(emptyDesign(APP, REGION), liveRecords(t)));
}
function withRecord(d: Design, r: DesignRecord): Design {
  return { ...d, records: { ...d.records, [r.id]: r } };
}

describe('accessMatrix', () => {
  const principals = [SESSION, null, `arn:aws:sts::${OTHER}:assumed-role/x/y`];
  for (const principal of principals) {
    it(`agrees with evaluateAccess on every pair (principal ${principal ?? 'anonymous'})`, () => {
      const t = edit.policy(estate(), X.retail, { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0other0000000001' } } }] });
      const m = accessMatrix(t, { principal, method: 'GET', path: '/orders', port: 80 });
      expect(m.pairs).toBe(m.vpcs.length * m.services.length);
      expect(m.vpcs.length).toBe(5);
      expect(m.services.length).toBe(2);
      m.vpcs.forEach((v, i) =>
        m.services.forEach((s, j) => {
          const d = evaluateAccess(t, { source: { vpc: v.id, principal }, target: { service: s.id, method: 'GET', path: '/orders', port: 80 } });
          const c = cellOfDecision(d);
          expect(m.cells[i]![j], `${v.name} → ${s.name}`).toEqual(c);
        }),
      );
      expect(Object.values(m.counts).reduce((a, b) => a + b, 0)).toBe(m.pairs);
    });
  }

  it('keeps a VPC-dependent policy verdict per VPC (no cache leak across VPCs)', () => {
    const t = edit.policy(estate(), X.orders, allowWith({ Condition: { StringEquals: { 'vpc-lattice-svcs:SourceVpc': 'vpc-0app0000000000001' } } }));
    const m = accessMatrix(t, { principal: null, method: 'GET', path: '/orders', filters: { services: [X.orders] } });
    const row = (vpc: string) => m.cells[m.vpcs.findIndex((v) => v.id === vpc)]![0]!;
    expect(row(X.appVpc).verdict).toBe('allowed');
    expect(row(X.otherVpc).verdict).toBe('denied');
    expect(row(X.otherVpc).resource).toBe(X.orders);
    expect(row(X.lonelyVpc).verdict).toBe('unreachable');
    expect(row(X.partnerVpc).reason).toMatch(/PENDING/);
  });

  it('does not reuse one query\'s verdicts for another', () => {
    const t = estate();
    expect(accessMatrix(t, { principal: SESSION, method: 'GET', path: '/orders', port: 80, filters: { vpcs: [X.appVpc], services: [X.orders] } }).cells[0]![0]!.verdict).toBe('allowed');
    const del = accessMatrix(t, { principal: SESSION, method: 'DELETE', path: '/orders', port: 80, filters: { vpcs: [X.appVpc], services: [X.orders] } }).cells[0]![0]!;
    expect(del.verdict).toBe('denied');
    expect(del.check).toBe('serviceAuth');
  });

  it('filters by account and by service network, and exports CSV', () => {
    const t = estate();
    const byAccount = accessMatrix(t, { principal: null, method: 'GET', path: '/', filters: { accounts: [APP] } });
    expect(byAccount.vpcs.every((v) => v.account === APP)).toBe(true);
    const byNetwork = accessMatrix(t, { principal: null, method: 'GET', path: '/', filters: { serviceNetworks: [X.platform] } });
    expect(byNetwork.vpcs.map((v) => v.id).sort()).toEqual([X.appVpc, X.dataVpc].sort());
    expect(byNetwork.services.map((s) => s.id)).toEqual([X.search]);
    const csv = matrixCsv(byNetwork);
    expect(csv.split('\n')[0]).toBe('vpc,vpc_account,service,service_account,verdict,check,resource,statement,reason');
    expect(csv.trim().split('\n')).toHaveLength(1 + byNetwork.pairs);
  });
});

describe('desiredTopology', () => {
  it('a design taken from the live estate answers as the estate does', () => {
    const live = estate();
    const desired = desiredTopology(liveDesign(live), live);
    for (const [vpc, principal, method] of [[X.appVpc, SESSION, 'GET'], [X.appVpc, SESSION, 'DELETE'], [X.otherVpc, null, 'GET'], [X.lonelyVpc, SESSION, 'GET']] as const) {
      const req = { source: { vpc, principal }, target: { service: X.orders, method, path: '/orders', port: 80 } };
      expect(evaluateAccess(desired, req).steps.map((s) => [s.check, s.result])).toEqual(evaluateAccess(live, req).steps.map((s) => [s.check, s.result]));
    }
  });

  it('a new VPC association makes the service reachable before it is applied', () => {
    const live = estate();
    const design = withRecord(liveDesign(live), { id: 'new-assoc-1', kind: 'serviceNetworkVpcAssociation', account: APP, region: REGION, spec: { serviceNetworkIdentifier: X.retail, vpcIdentifier: 'vpc-0lonely00000000001', securityGroupIds: ['sg-0new'] } });
    const req = { source: { vpc: X.lonelyVpc, principal: SESSION }, target: { service: X.orders, method: 'GET', path: '/orders', port: 80 } };
    expect(evaluateAccess(live, req).reachable).toBe(false);
    const d = evaluateAccess(desiredTopology(design, live), req);
    expect(d.decision).toBe('allow');
    expect(d.path?.edges).toContain('new-assoc-1');
    expect(d.steps[0]!.detail).toMatch(/sg-0new/);
  });

  it('a removed service association and a changed auth policy are applied', () => {
    const live = estate();
    let design = liveDesign(live);
    const assoc = Object.values(design.records).find((r) => r.id === X.ordersAssoc)!;
    design = withRecord(design, { ...assoc, removed: true });
    const policy = Object.values(design.records).find((r) => r.kind === 'authPolicy' && r.spec.resourceIdentifier === X.orders)!;
    const desired = desiredTopology(withRecord(design, { ...policy, spec: { ...policy.spec, policy: JSON.stringify(allowWith({})) } }), live);
    expect(desired.edges.some((e) => e.id === X.ordersAssoc)).toBe(false);
    expect(evaluateAccess(desired, { source: { vpc: X.appVpc, principal: null }, target: { service: X.orders, method: 'GET', path: '/' } }).steps[0]!.detail).toMatch(/not associated with any service network/);
    const withPolicy = desiredTopology(withRecord(liveDesign(live), { ...policy, spec: { ...policy.spec, policy: JSON.stringify(allowWith({})) } }), live);
    expect(evaluateAccess(withPolicy, { source: { vpc: X.appVpc, principal: null }, target: { service: X.orders, method: 'GET', path: '/orders', port: 80 } }).decision).toBe('allow');
  });

  it('a new service with listener, target group, target, association and a policy by reference is evaluated', () => {
    const live = estate();
    let d = liveDesign(live);
    const rec = (r: Omit<DesignRecord, 'account' | 'region'>) => (d = withRecord(d, { account: APP, region: REGION, ...r } as DesignRecord));
    rec({ id: 'new-svc', kind: 'service', spec: { name: 'payments', authType: 'AWS_IAM' } });
    rec({ id: 'new-tg', kind: 'targetGroup', spec: { name: 'payments-tg', type: 'IP', config: { port: 8080, protocol: 'HTTP' } } });
    rec({ id: 'new-target', kind: 'target', spec: { targetGroupIdentifier: 'new-tg', id: '10.9.9.9', port: 8080 } });
    rec({ id: 'new-listener', kind: 'listener', spec: { serviceIdentifier: 'new-svc', name: 'http', protocol: 'HTTP', port: 80, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'new-tg', weight: 100 }] } } } });
    rec({ id: 'new-snsa', kind: 'serviceNetworkServiceAssociation', spec: { serviceNetworkIdentifier: X.retail, serviceIdentifier: 'new-svc' } });
    rec({ id: 'new-policy', kind: 'authPolicy', spec: { resourceIdentifier: 'new-svc', policy: JSON.stringify(recipePolicy('${service.arn}', ROLE)) } });
    const desired = desiredTopology(d, live);
    const ok = evaluateAccess(desired, { source: { vpc: X.appVpc, principal: SESSION }, target: { service: 'new-svc', method: 'GET', path: '/orders' } });
    expect(ok.decision).toBe('allow');
    expect(ok.route?.targetGroups[0]!.arn).toBe('new-tg');
    const no = evaluateAccess(desired, { source: { vpc: X.appVpc, principal: null }, target: { service: 'new-svc', method: 'GET', path: '/orders' } });
    expect(no.steps.find((s) => s.check === 'serviceAuth')?.statement).toBe('DenyEveryoneElse');
  });
});

describe('desiredTopology with sharing edits', () => {
  it('an endpoint to a network not shared with the account is unreachable until the design shares it', () => {
    const live = estate();
    const endpoint: DesignRecord = { id: 'new-endpoint', kind: 'serviceNetworkVpcEndpoint', account: OTHER, region: REGION, spec: { VpcId: 'vpc-0other0000000001', ServiceNetworkArn: X.platform, SubnetIds: ['subnet-1'] } };
    const req = { source: { vpc: X.otherVpc, principal: null }, target: { service: X.search, method: 'GET', path: '/' } };
    const withoutShare = desiredTopology(withRecord(liveDesign(live), endpoint), live);
    const no = evaluateAccess(edit.removeEdge(withoutShare, X.searchAssoc), req);
    expect(no.reachable).toBe(false);
    expect(no.steps[0]!.detail).toMatch(/not shared with account 333333333333/);
    const design: Design = { ...withRecord(liveDesign(live), endpoint), shares: [{ action: 'update', shareArn: X.platformShare, addPrincipals: [OTHER], removePrincipals: [], addResources: [], removeResources: [] }] };
    const yes = evaluateAccess(edit.removeEdge(desiredTopology(design, live), X.searchAssoc), req);
    expect(yes.decision).toBe('allow');
    expect(yes.path?.nodes).toContain('new-endpoint');
    expect(yes.steps[0]!.detail).toMatch(/as the design sets it/);
  });

  it('stopping a share cuts the accounts it reached', () => {
    const live = estate();
    const design: Design = { ...liveDesign(live), shares: [{ action: 'stop', shareArn: X.retailShare }] };
    const after = desiredTopology(design, live);
    const d = evaluateAccess(after, { source: { vpc: X.otherVpc, principal: null }, target: { service: X.search, method: 'GET', path: '/' } });
    expect(d.reachable).toBe(false);
  });
});

describe('accessDiff', () => {
  it('a new association: "This plan lets 1 VPC reach orders and 1 VPC reach search"', () => {
    const live = estate();
    const after = desiredTopology(withRecord(liveDesign(live), { id: 'new-assoc', kind: 'serviceNetworkVpcAssociation', account: APP, region: REGION, spec: { serviceNetworkIdentifier: X.retail, vpcIdentifier: 'vpc-0lonely00000000001' } }), live);
    const d = accessDiff(live, after);
    expect(d.reachable.gained.map((p) => [p.vpc, p.serviceName]).sort()).toEqual([[X.lonelyVpc, 'orders'], [X.lonelyVpc, 'search']]);
    expect(d.reachable.lost).toEqual([]);
    expect(d.summary).toBe('This plan lets 1 VPC reach orders and 1 VPC reach search.');
  });

  it('a removed association cuts VPCs off', () => {
    const live = estate();
    const after = edit.removeEdge(estate(), X.otherAssoc);
    const d = accessDiff(live, after);
    expect(d.reachable.lost.map((p) => p.vpc)).toEqual([X.otherVpc, X.otherVpc]);
    expect(d.summary).toMatch(/cuts 1 VPC off from orders and 1 VPC off from search/);
  });

  it('a changed policy: the principals it names gain or lose, anonymous included', () => {
    const live = estate();
    const after = edit.policy(estate(), X.orders, allowWith({}));
    const d = accessDiff(live, after, { method: 'GET', path: '/orders' });
    expect(d.reachable.gained).toEqual([]);
    expect(d.changedPolicies).toEqual([X.orders]);
    const anon = d.principals.find((p) => p.principal === null)!;
    expect(anon.gained.map((p) => p.vpc).sort()).toEqual([X.appVpc, X.otherVpc].sort());
    const role = d.principals.find((p) => p.principal === ROLE)!;
    expect(role.gained).toEqual([]);
    expect(role.lost).toEqual([]);
    expect(d.summary).toMatch(/changes what 1 principal may call \(2 calls allowed\)/);
  });

  it('many services: counts VPCs and services; same names are told apart by account', () => {
    const pair = (vpc: string, service: string, name: string, account = APP) => ({ vpc, vpcName: vpc, vpcAccount: APP, service, serviceName: name, serviceAccount: account });
    expect(summarizeAccessDiff({ reachable: { gained: [pair('v1', 's1', 'a'), pair('v2', 's2', 'b'), pair('v1', 's3', 'c')], lost: [] }, principals: [] })).toBe('This plan lets 2 VPCs reach 3 services.');
    expect(summarizeAccessDiff({ reachable: { gained: [pair('v1', 's1', 'api', APP), pair('v1', 's2', 'api', OTHER)], lost: [] }, principals: [] })).toBe(`This plan lets 1 VPC reach api (${APP}) and 1 VPC reach api (${OTHER}).`);
    expect(summarizeAccessDiff({ reachable: { gained: [pair('v1', 's1', 'payments'), pair('v2', 's1', 'payments'), pair('v3', 's1', 'payments')], lost: [] }, principals: [] })).toBe('This plan lets 3 VPCs reach payments.');
  });

  it('nothing changed: one sentence says so', () => {
    expect(accessDiff(estate(), estate()).summary).toBe('This plan changes no access.');
    expect(summarizeAccessDiff({ reachable: { gained: [], lost: [] }, principals: [] })).toBe('This plan changes no access.');
  });
});

describe('principalsInPolicies', () => {
  it('lists the roles named in Principal and in aws:PrincipalArn conditions, with where', () => {
    const t = edit.policy(estate(), X.retail, { Statement: [{ Sid: 'Acct', Effect: 'Allow', Principal: { AWS: [DATA, 'arn:aws:iam::*:role/x'] }, Action: '*', Resource: '*' }] });
    const found = principalsInPolicies(t);
    expect(found.map((p) => [p.principal, p.kind])).toEqual([
      [ROLE, 'role'],
      [`arn:aws:iam::${DATA}:root`, 'account'],
    ]);
    expect(found[0]!.namedIn).toEqual([
      { resource: X.orders, name: 'orders', statement: 'AllowProductServiceToReadAndPlaceOrders' },
      { resource: X.orders, name: 'orders', statement: 'DenyEveryoneElse' },
    ]);
    expect(found[1]!.namedIn[0]!.resource).toBe(X.retail);
  });
});

describe('lintAuthPolicy', () => {
  const one = (s: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', ...s }] });
  const messages = (text: string) => lintAuthPolicy(text).map((i) => `${i.severity} ${i.path}: ${i.message}`);

  it('accepts the recipe policy on one line', () => {
    expect(lintAuthPolicy(JSON.stringify(recipePolicy()))).toEqual([]);
  });
  it('JSON syntax errors, with where', () => {
    const issues = lintAuthPolicy('{"Version": "2012-10-17", "Statement": [}');
    expect(issues[0]!.message).toMatch(/not valid JSON/);
  });
  it('newlines are refused (AWS refuses them), with line and column', () => {
    const issues = lintAuthPolicy(JSON.stringify(recipePolicy(), null, 2));
    expect(issues).toEqual([expect.objectContaining({ severity: 'error', path: 'policy', line: 1, message: expect.stringMatching(/newline/) })]);
  });
  it('the 10 KB limit', () => {
    const big = one({ Condition: { StringEquals: { 'vpc-lattice-svcs:RequestPath': Array.from({ length: 600 }, (_, i) => `/path/number/${i}`) } } });
    expect(messages(big).join('\n')).toMatch(/limited to 10 KB/);
  });
  it('unknown vpc-lattice-svcs actions and foreign actions', () => {
    expect(messages(one({ Action: 'vpc-lattice-svcs:Invok' })).join()).toMatch(/no action "Invok"/);
    expect(messages(one({ Action: 'vpc-lattice:CreateService' })).join()).toMatch(/error .*management API/);
    expect(messages(one({ Action: 'vpc-lattice-svcs:*' }))).toEqual([]);
  });
  it('unknown condition operators', () => {
    expect(messages(one({ Condition: { StringEqual: { 'vpc-lattice-svcs:RequestMethod': 'GET' } } })).join()).toMatch(/"StringEqual" is not an IAM condition operator/);
    expect(messages(one({ Condition: { 'ForAnyValue:StringEqualsIfExists': { 'vpc-lattice-svcs:RequestQueryString/a': 'b' } } }))).toEqual([]);
  });
  it('unknown and mistyped condition keys', () => {
    expect(messages(one({ Condition: { StringEquals: { 'vpc-lattice-svcs:RequestVerb': 'GET' } } })).join()).toMatch(/no condition key "vpc-lattice-svcs:RequestVerb"/);
    expect(messages(one({ Condition: { NumericEquals: { 'vpc-lattice-svcs:RequestMethod': 1 } } })).join()).toMatch(/NumericEquals compares numeric values, but vpc-lattice-svcs:RequestMethod is of type String/);
    expect(messages(one({ Condition: { StringEquals: { 'vpc-lattice-svcs:Port': '443' } } })).join()).toMatch(/is of type Numeric/);
    expect(messages(one({ Condition: { StringEquals: { 'aws:PrincipalOrgId': 'o-abc' } } }))).toEqual([]);
    expect(messages(one({ Condition: { StringEquals: { 'aws:PrincipalOrgIdentity': 'o-abc' } } })).join()).toMatch(/not an AWS global condition key/);
    expect(messages(one({ Condition: { StringEquals: { 'vpc-lattice-svcs:RequestQueryString/a': 'b' } } })).join()).toMatch(/ForAnyValue/);
    expect(messages(one({ Condition: { StringEquals: { 'aws:PrincipalType': 'anonymous' } } })).join()).toMatch(/case-sensitively/);
  });
  it('malformed principals', () => {
    expect(messages(one({ Principal: { AWS: 'arn:aws:iam::123456789012:role/app-*' } })).join()).toMatch(/partial wildcard/);
    expect(messages(one({ Principal: { AWS: 'arn:aws:iam::12345:role/app' } })).join()).toMatch(/not a valid IAM principal ARN/);
    expect(messages(one({ Principal: { AWS: 'bob' } })).join()).toMatch(/neither "\*", a 12-digit account id nor an ARN/);
    expect(messages(one({ Principal: 'arn:aws:iam::123456789012:root' })).join()).toMatch(/must be "\*" or an object/);
    expect(messages(one({ Principal: undefined })).join()).toMatch(/needs a Principal/);
  });
  it('Effect values, duplicate Sids, unknown elements', () => {
    expect(messages(one({ Effect: 'allow' })).join()).toMatch(/Effect must be "Allow" or "Deny"/);
    const two = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, { Sid: 'A', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Conditon: {} }] });
    const m = messages(two).join('\n');
    expect(m).toMatch(/used twice/);
    expect(m).toMatch(/"Conditon" is not a statement element/);
  });
  it('HUB and OTHER accounts as principals are fine', () => {
    expect(messages(one({ Principal: { AWS: [HUB, `arn:aws:iam::${OTHER}:root`] } }))).toEqual([]);
  });
});
