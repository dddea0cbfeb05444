import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyTopology, type JsonObject, type Topology, type TopologyNode } from '@/lib/topology';
import { generateModelRules, GENERATED_PATH } from './generate-model-rules';
import { invitationPreview } from './preview';
import { checkedShare, checkShareAgainstEstate, invitationAnswerSchema, shareRequestSchema } from './request';
import { checkPrincipal, checkResourceArn, SHAREABLE_TYPES, shareBlocker } from './rules';

const SN = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0';
const SVC = 'arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0';
const RCFG = 'arn:aws:vpc-lattice:us-east-1:444444444444:resourceconfiguration/rcfg-0123456789abcdef0';
const TG = 'arn:aws:vpc-lattice:us-east-1:222222222222:targetgroup/tg-0123456789abcdef0';

describe('model rules', () => {
  it('are generated from the current service models', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generateModelRules());
  });

  it('share exactly the three Lattice types the resource-policy ARN pattern names', () => {
    expect(SHAREABLE_TYPES.map((t) => t.resourceType)).toEqual(['vpc-lattice:ServiceNetwork', 'vpc-lattice:Service', 'vpc-lattice:ResourceConfiguration']);
    expect(SHAREABLE_TYPES.map((t) => t.kind)).toEqual(['serviceNetwork', 'service', 'resourceConfiguration']);
  });
});

describe('checkResourceArn', () => {
  it('accepts service networks, services and resource configurations with their owner and Region', () => {
    for (const [arn, type, account] of [
      [SN, 'vpc-lattice:ServiceNetwork', '111111111111'],
      [SVC, 'vpc-lattice:Service', '222222222222'],
      [RCFG, 'vpc-lattice:ResourceConfiguration', '444444444444'],
    ]) {
      const check = checkResourceArn(arn);
      expect(check).toMatchObject({ ok: true, account, region: 'us-east-1' });
      if (check.ok) expect(check.type.resourceType).toBe(type);
    }
  });

  it('names what an unshareable Lattice ARN is', () => {
    const tg = checkResourceArn(TG);
    expect(tg).toEqual({ ok: false, rule: `${TG} is a VPC Lattice target group; RAM shares only service networks, services and resource configurations` });
    const listener = checkResourceArn(`${SVC}/listener/listener-0123456789abcdef0`);
    expect(listener.ok || listener.rule).toMatch(/is a VPC Lattice listener;/);
    const snva = checkResourceArn('arn:aws:vpc-lattice:us-east-1:111111111111:servicenetworkvpcassociation/snva-0123456789abcdef0');
    expect(snva.ok || snva.rule).toMatch(/service network VPC association/);
  });

  it('refuses other services, malformed Lattice ARNs and non-ARNs', () => {
    expect(checkResourceArn('arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0abc')).toEqual({ ok: false, rule: 'arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0abc is a ec2 vpc; Trellis shares only VPC Lattice service networks, services and resource configurations' });
    expect(checkResourceArn('arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-short')).toMatchObject({ ok: false, rule: expect.stringMatching(/not a well-formed VPC Lattice ARN/) });
    expect(checkResourceArn('sn-0123456789abcdef0')).toMatchObject({ ok: false, rule: expect.stringMatching(/is not an ARN/) });
  });
});

describe('checkPrincipal', () => {
  it('accepts account ids, organizations and OUs', () => {
    expect(checkPrincipal('333333333333')).toEqual({ ok: true, principal: { kind: 'account', value: '333333333333', account: '333333333333' } });
    expect(checkPrincipal('arn:aws:organizations::111111111111:organization/o-tr3llis7demo')).toMatchObject({ ok: true, principal: { kind: 'organization', organizationId: 'o-tr3llis7demo' } });
    expect(checkPrincipal('arn:aws:organizations::111111111111:ou/o-tr3llis7demo/ou-ab12-cdefgh34')).toMatchObject({ ok: true, principal: { kind: 'organizationalUnit' } });
  });

  it('says what is wrong with the rest', () => {
    expect(checkPrincipal('12345')).toEqual({ ok: false, rule: '"12345" is not a 12-digit AWS account id (it has 5 digits)' });
    expect(checkPrincipal('3333-3333-3333')).toMatchObject({ ok: false, rule: expect.stringMatching(/is not a 12-digit AWS account id, an organization ARN/) });
    expect(checkPrincipal('arn:aws:iam::333333333333:root')).toEqual({ ok: false, rule: '"arn:aws:iam::333333333333:root" names an account root; give the account id 333333333333 instead' });
    expect(checkPrincipal('arn:aws:iam::333333333333:role/app')).toMatchObject({ ok: false, rule: expect.stringMatching(/IAM role or user/) });
    expect(checkPrincipal('lambda.amazonaws.com')).toMatchObject({ ok: false, rule: expect.stringMatching(/service principal/) });
  });
});

describe('shareRequestSchema', () => {
  it('parses lists given as text and defaults allowExternalPrincipals to true', () => {
    const parsed = shareRequestSchema.parse({ name: ' retail ', resourceArns: SN, principals: '222222222222, 333333333333\n444444444444' });
    expect(parsed).toEqual({ name: 'retail', resourceArns: [SN], principals: ['222222222222', '333333333333', '444444444444'], allowExternalPrincipals: true });
    const share = checkedShare(parsed);
    expect(share.owner).toBe('111111111111');
    expect(share.principals.map((p) => p.kind)).toEqual(['account', 'account', 'account']);
  });

  it('names each bad field with its rule', () => {
    const result = shareRequestSchema.safeParse({ name: '', resourceArns: [SN, TG], principals: ['12345', '111111111111', '222222222222', '222222222222'] });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['name', 'a name for the share'],
        ['resourceArns.1', expect.stringMatching(/target group; RAM shares only/)],
        ['principals.0', '"12345" is not a 12-digit AWS account id (it has 5 digits)'],
        ['principals.1', 'account 111111111111 owns the resources; share with other accounts'],
        ['principals.3', '222222222222 is listed twice'],
      ]),
    );
  });

  it('refuses resources of several owners in one share', () => {
    const result = shareRequestSchema.safeParse({ name: 'mixed', resourceArns: [SN, SVC], principals: ['333333333333'] });
    expect(result.error?.issues.map((i) => i.message)).toContain('every resource of a share must belong to one account and Region (a share is made by the owner of what it shares)');
  });

  it('requires a well-formed invitation ARN to answer', () => {
    expect(invitationAnswerSchema.safeParse({ invitationArn: 'arn:aws:ram:us-east-1:111111111111:resource-share-invitation/0a1b2c3d-0000-4000-8000-000000000000' }).success).toBe(true);
    const bad = invitationAnswerSchema.safeParse({ invitationArn: 'inv-1' });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['invitationArn'], message: expect.stringMatching(/^a RAM invitation ARN/) });
  });
});

describe('checkShareAgainstEstate', () => {
  const node = (id: string, kind: 'serviceNetwork' | 'resourceConfiguration', name: string, description: JsonObject): [string, Pick<TopologyNode, 'id' | 'kind' | 'name' | 'description' | 'external'>] => [id, { id, kind, name, description, external: false }];

  it('refuses owners Trellis does not act in, unknown resources, CHILD configurations and networks closed to sharing', () => {
    const closed = 'arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0000000000000000c';
    const nodes = new Map([node(SN, 'serviceNetwork', 'retail', { sharingConfig: { enabled: true } }), node(closed, 'serviceNetwork', 'private', { sharingConfig: { enabled: false } })]);
    const share = checkedShare(shareRequestSchema.parse({ name: 's', resourceArns: [SN, closed, 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0000000000000000e'], principals: ['333333333333'] }));
    expect(checkShareAgainstEstate(share, nodes, new Set(['111111111111']))).toEqual([
      { path: 'resourceArns.1', rule: 'service network private was created with sharing disabled (sharingConfig.enabled is false)' },
      { path: 'resourceArns.2', rule: 'arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-0000000000000000e is not in the discovered estate (refresh the topology if it was just created)' },
    ]);
    expect(checkShareAgainstEstate(share, nodes, new Set(['222222222222']))[0]).toEqual({ path: 'resourceArns', rule: 'account 111111111111 owns the resources, and Trellis is not configured to act in it' });
    expect(shareBlocker({ id: RCFG, kind: 'resourceConfiguration', name: 'writer', description: { type: 'CHILD' } })).toBe('writer is a CHILD resource configuration; share its group instead (a child cannot be shared alone)');
  });
});

describe('invitationPreview', () => {
  it('draws the share in its sender, the resources with what they hold, and dashed access to the receiver until accepted', () => {
    const topology: Topology = {
      ...emptyTopology(),
      nodes: [
        { id: SN, kind: 'serviceNetwork', account: '111111111111', region: 'us-east-1', name: 'retail', status: 'ACTIVE', tags: {}, seenBy: ['111111111111'], description: { authType: 'AWS_IAM' } },
        { id: SVC, kind: 'service', account: '222222222222', region: 'us-east-1', name: 'orders', status: 'ACTIVE', tags: {}, seenBy: ['222222222222'], description: {} },
      ],
      edges: [{ id: 'snsa', kind: 'serviceNetworkService', source: SN, target: SVC }],
    };
    const invitation = {
      arn: 'inv',
      shareArn: 'share',
      shareName: 'retail-services',
      sender: { id: '111111111111', name: 'network-hub' },
      receiver: { id: '333333333333', name: 'payments' },
      status: 'PENDING',
      resources: [{ arn: SN, type: 'vpc-lattice:ServiceNetwork', kind: 'serviceNetwork' as const, name: 'retail', owner: '111111111111', status: 'AVAILABLE' }],
    };
    const preview = invitationPreview(invitation, topology);
    expect(preview.boxes.map((b) => [b.role, b.title])).toEqual([
      ['account', 'network-hub'],
      ['share', 'retail-services'],
      ['resource', 'retail'],
      ['account', 'payments'],
    ]);
    expect(preview.boxes[2].contents).toEqual(['1 service · auth AWS_IAM', 'service orders']);
    expect(preview.edges).toEqual([
      { id: `share:${SN}`, from: 'share', to: SN, dashed: false },
      { id: `access:${SN}`, from: SN, to: 'account:333333333333', dashed: true, label: 'would reach' },
    ]);
    for (const b of preview.boxes) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(preview.width);
      expect(b.y + b.height).toBeLessThanOrEqual(preview.height);
    }
    expect(invitationPreview({ ...invitation, status: 'ACCEPTED' }, topology).edges[1].dashed).toBe(false);
  });
});
