// What each palette entry adds: a record with the fields a create call needs, filled with
// sensible values the user then edits (a service comes with an HTTP listener, so it can be
// connected to a target group straight away).
import type { JsonObject } from '../types';
import { uniqueName, type NewRecord } from './commands';
import { invokePolicy, trustPolicy } from './iam-policies';
import type { Design, DesignKind, Position } from './types';

export const PALETTE_KINDS = [
  'serviceNetwork',
  'service',
  'targetGroup',
  'resourceGateway',
  'resourceConfiguration',
  'serviceNetworkVpcEndpoint',
  'iamRole',
] as const satisfies readonly DesignKind[];

export type PaletteKind = (typeof PALETTE_KINDS)[number];

/** A VPC of the live estate new records attach to. */
export interface VpcChoice {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

export interface PaletteContext {
  position: Position;
  account?: string;
  region?: string;
  vpc?: VpcChoice;
  /** Names live resources already use, as `kind:account:name`: new boxes get other names, so they are not mistaken for them. */
  liveNames?: ReadonlySet<string>;
}

export function paletteRecords(design: Design, kind: PaletteKind, ctx: PaletteContext): NewRecord[] {
  const account = ctx.account ?? design.defaults.account;
  const region = ctx.region ?? design.defaults.region;
  const at = { account, region };
  const name = (base: string, k: DesignKind = kind) => {
    const prefix = `${k}:${account}:`;
    const live = [...(ctx.liveNames ?? [])].filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
    return uniqueName(design, k, base, { account }, live);
  };
  const vpc = ctx.vpc;
  const one = (spec: JsonObject): NewRecord[] => [{ kind, ...at, spec, position: ctx.position }];
  switch (kind) {
    case 'serviceNetwork':
      return one({ name: name('network'), authType: 'NONE' });
    case 'service': {
      const id = `new-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 12)}`;
      return [
        { id, kind: 'service', ...at, spec: { name: name('service'), authType: 'NONE' }, position: ctx.position },
        { kind: 'listener', ...at, spec: { serviceIdentifier: id, name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: { fixedResponse: { statusCode: 404 } } } },
      ];
    }
    case 'targetGroup':
      return one({ name: name('targets'), type: 'IP', config: { port: 8080, protocol: 'HTTP', ...(vpc ? { vpcIdentifier: vpc.vpcId } : {}) } });
    case 'resourceGateway':
      return one({
        name: name('gateway'),
        ...(vpc ? { vpcIdentifier: vpc.vpcId, subnetIds: vpc.subnetIds.slice(0, 2), securityGroupIds: vpc.securityGroupIds.slice(0, 1) } : {}),
        ipAddressType: 'IPV4',
      });
    case 'resourceConfiguration':
      return one({
        name: name('resource'),
        type: 'SINGLE',
        portRanges: ['5432'],
        protocol: 'TCP',
        resourceConfigurationDefinition: { dnsResource: { domainName: 'db.example.internal', ipAddressType: 'IPV4' } },
      });
    case 'serviceNetworkVpcEndpoint':
      return one(vpc ? { VpcId: vpc.vpcId, SubnetIds: vpc.subnetIds.slice(0, 2), SecurityGroupIds: vpc.securityGroupIds.slice(0, 1) } : {});
    case 'iamRole':
      // A caller's role, assumed by EC2 instances until the user chooses who runs the caller.
      return one({ RoleName: name('caller'), Path: '/', AssumeRolePolicyDocument: trustPolicy(['ec2.amazonaws.com']) });
  }
}

/** A child added from a box's panel: a listener, rule, target, auth policy, access-log subscription or a role's policy. */
export function childRecord(design: Design, kind: 'listener' | 'rule' | 'target' | 'authPolicy' | 'accessLogSubscription' | 'iamRolePolicy', parentId: string, extra: JsonObject = {}): NewRecord {
  const parent = design.records[parentId];
  const at = { account: parent.account, region: parent.region };
  switch (kind) {
    case 'listener': {
      const protocol = 'HTTPS';
      return { kind, ...at, spec: { serviceIdentifier: parentId, name: uniqueName(design, 'listener', 'https-443', { parent: parentId }), protocol, port: 443, defaultAction: { fixedResponse: { statusCode: 404 } }, ...extra } };
    }
    case 'rule': {
      const used = Object.values(design.records)
        .filter((r) => !r.removed && r.kind === 'rule' && r.spec.listenerIdentifier === parentId)
        .map((r) => Number(r.spec.priority) || 0);
      const priority = (used.length ? Math.max(...used) : 0) + 10;
      return {
        kind,
        ...at,
        spec: { listenerIdentifier: parentId, name: uniqueName(design, 'rule', 'route', { parent: parentId }), priority, match: { httpMatch: { pathMatch: { match: { prefix: '/' }, caseSensitive: false } } }, action: { fixedResponse: { statusCode: 404 } }, ...extra },
      };
    }
    case 'target':
      return { kind, ...at, spec: { targetGroupIdentifier: parentId, id: '10.0.0.10', ...extra } };
    case 'authPolicy':
      return { kind, ...at, spec: { resourceIdentifier: parentId, policy: '', ...extra } };
    case 'accessLogSubscription':
      return { kind, ...at, spec: { resourceIdentifier: parentId, destinationArn: `arn:aws:logs:${parent.region}:${parent.account}:log-group:/lattice/${String(parent.spec.name ?? 'access')}`, ...extra } };
    case 'iamRolePolicy':
      return { kind, ...at, spec: { RoleName: parentId, PolicyName: uniqueName(design, 'iamRolePolicy', 'invoke-services', { parent: parentId }), PolicyDocument: invokePolicy([]), ...extra } };
  }
}
