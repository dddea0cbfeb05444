// CloudFormation (YAML): one template per account and region, since a stack lives in one of
// each. Within a stack references are !GetAtt; a reference to another stack or to something the
// export does not hold is a parameter whose default is what the estate holds now, and the stack
// that holds it names the value in an output of the same name.
import { parseArn } from '@/lib/topology/arn';
import type { JsonObject } from '@/lib/topology/types';
import { dependencyOrder, isInterp, isOutside, isRef, Resolver, uniqueNames, type Expr, type Resolved } from './resolve';
import type { IacKind, IacResource, IacSource } from './source';
import type { ExportFile, ExportResult } from './types';

export const CFN_TYPE: Record<Exclude<IacKind, 'target' | 'shareAccepter'>, string> = {
  serviceNetwork: 'AWS::VpcLattice::ServiceNetwork',
  service: 'AWS::VpcLattice::Service',
  listener: 'AWS::VpcLattice::Listener',
  rule: 'AWS::VpcLattice::Rule',
  targetGroup: 'AWS::VpcLattice::TargetGroup',
  resourceGateway: 'AWS::VpcLattice::ResourceGateway',
  resourceConfiguration: 'AWS::VpcLattice::ResourceConfiguration',
  serviceNetworkServiceAssociation: 'AWS::VpcLattice::ServiceNetworkServiceAssociation',
  serviceNetworkVpcAssociation: 'AWS::VpcLattice::ServiceNetworkVpcAssociation',
  serviceNetworkResourceAssociation: 'AWS::VpcLattice::ServiceNetworkResourceAssociation',
  serviceNetworkVpcEndpoint: 'AWS::EC2::VPCEndpoint',
  authPolicy: 'AWS::VpcLattice::AuthPolicy',
  resourcePolicy: 'AWS::VpcLattice::ResourcePolicy',
  accessLogSubscription: 'AWS::VpcLattice::AccessLogSubscription',
  resourceShare: 'AWS::RAM::ResourceShare',
};

const SUFFIX: Record<IacKind, string> = {
  serviceNetwork: 'ServiceNetwork',
  service: 'Service',
  listener: 'Listener',
  rule: 'Rule',
  targetGroup: 'TargetGroup',
  target: 'Target',
  resourceGateway: 'ResourceGateway',
  resourceConfiguration: 'ResourceConfiguration',
  serviceNetworkServiceAssociation: 'ServiceAssociation',
  serviceNetworkVpcAssociation: 'VpcAssociation',
  serviceNetworkResourceAssociation: 'ResourceAssociation',
  serviceNetworkVpcEndpoint: 'VpcEndpoint',
  authPolicy: 'AuthPolicy',
  resourcePolicy: 'ResourcePolicy',
  accessLogSubscription: 'AccessLogs',
  resourceShare: 'ResourceShare',
  shareAccepter: 'ShareAccepter',
};

export const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

const pascalKeys = (v: Expr): Expr => {
  if (Array.isArray(v)) return v.map(pascalKeys);
  if (v && typeof v === 'object' && !isRef(v) && !isOutside(v) && !isInterp(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k[0].toUpperCase() + k.slice(1), pascalKeys(x as Expr)]));
  }
  return v;
};

/** A YAML node with a short-form intrinsic function. */
export class Tagged {
  constructor(
    readonly tag: '!Ref' | '!GetAtt' | '!Sub',
    readonly value: string,
  ) {}
}
type Y = string | number | boolean | null | Y[] | { [k: string]: Y } | Tagged;

const plainKey = /^[A-Za-z0-9_.-]+$/;
function yaml(v: Y, indent: string): string {
  if (v instanceof Tagged) return `${v.tag} ${JSON.stringify(v.value)}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return v
      .map((x) => {
        const inner = yaml(x, indent + '  ');
        return `\n${indent}- ${inner.startsWith('\n') ? inner.trimStart() : inner}`;
      })
      .join('');
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  if (!entries.length) return '{}';
  return entries
    .map(([k, x]) => {
      const key = plainKey.test(k) ? k : JSON.stringify(k);
      const inner = yaml(x, indent + '  ');
      return `\n${indent}${key}:${inner.startsWith('\n') ? inner : ` ${inner}`}`;
    })
    .join('');
}

/** `- a: 1\n  b: 2` needs the first key on the dash line: the emitter above handles it by trimming. */
function document(root: { [k: string]: Y }): string {
  return yaml(root, '').replace(/^\n/, '') + '\n';
}

interface Stack {
  account: string;
  region: string;
  resources: Resolved[];
  parameters: Map<string, { Type: string; Description: string; Default?: string }>;
  outputs: Map<string, { Description: string; Value: Tagged }>;
  cannot: Set<string>;
}

export function stackName(source: IacSource, account: string, region: string): string {
  return `${(source.accountNames[account] ?? account).replace(/[^A-Za-z0-9-]+/g, '-')}-${region}`;
}

export function exportCloudFormation(source: IacSource): ExportResult {
  const resolver = new Resolver(source);
  const stackOf = (r: IacResource) => `${r.account}/${r.region}`;
  const logical = uniqueNames(source.resources, resolver, (s) => s, (r) => `${stackOf(r)}/${r.kind}`);
  const idOf = new Map<string, string>();
  for (const r of source.resources) idOf.set(r.key, `${pascal(logical.get(r.key)!) || 'Resource'}${SUFFIX[r.kind]}`.replace(/^([0-9])/, 'R$1').slice(0, 255));
  const resolved = dependencyOrder(source.resources.map((r) => resolver.resolve(r)));
  const stacks = new Map<string, Stack>();
  for (const r of resolved) {
    const k = stackOf(r.resource);
    if (!stacks.has(k)) stacks.set(k, { account: r.resource.account, region: r.resource.region, resources: [], parameters: new Map(), outputs: new Map(), cannot: new Set() });
    stacks.get(k)!.resources.push(r);
  }
  const notes = new Set<string>();

  const attr = (key: string, a: 'arn' | 'id') => {
    const kind = resolver.byKey.get(key)!.kind;
    if (kind === 'serviceNetworkVpcEndpoint') return 'Id';
    return a === 'arn' || kind === 'resourceShare' ? 'Arn' : 'Id';
  };
  const paramOfOutside = (stack: Stack, e: { $outside: string; thing?: { kind: string; name: string; account: string } }) => {
    const t = e.thing;
    const parsed = parseArn(e.$outside);
    const base = pascal(`${t?.kind ?? parsed?.resourceType ?? e.$outside.replace(/-.*$/, '')} ${t && t.name !== e.$outside ? t.name : (parsed?.resourceId ?? e.$outside)}`);
    let name = base || 'Outside';
    for (let i = 2; stack.parameters.has(name) && stack.parameters.get(name)!.Default !== e.$outside; i++) name = `${base}${i}`;
    stack.parameters.set(name, {
      Type: 'String',
      Description: t ? `${t.kind} ${t.name} in account ${t.account} (outside this export)` : `${e.$outside} (outside this export)`,
      ...(e.$outside.startsWith('new-') ? {} : { Default: e.$outside }),
    });
    return name;
  };
  /** A reference seen from `stack`: !GetAtt within it, a parameter fed by the other stack's output across. */
  const refParam = (stack: Stack, key: string, a: 'arn' | 'id'): { same: boolean; name: string } => {
    const target = resolver.byKey.get(key)!;
    const at = attr(key, a);
    if (stackOf(target) === `${stack.account}/${stack.region}`) return { same: true, name: `${idOf.get(key)}.${at}` };
    const name = `${idOf.get(key)}${at}`;
    const other = stacks.get(stackOf(target))!;
    other.outputs.set(name, { Description: `For stack ${stackName(source, stack.account, stack.region)}`, Value: new Tagged('!GetAtt', `${idOf.get(key)}.${at}`) });
    const live = at === 'Arn' ? target.arn : target.arn ? parseArn(target.arn)?.resourceId : undefined;
    stack.parameters.set(name, {
      Type: 'String',
      Description: `${at === 'Arn' ? 'ARN' : 'Id'} of ${idOf.get(key)} in stack ${stackName(source, target.account, target.region)} (output ${name})`,
      ...(live ? { Default: live } : {}),
    });
    return { same: false, name };
  };
  const toY = (stack: Stack, e: Expr): Y => {
    if (isRef(e)) {
      const p = refParam(stack, e.$ref, e.attr);
      return p.same ? new Tagged('!GetAtt', p.name) : new Tagged('!Ref', p.name);
    }
    if (isOutside(e)) return new Tagged('!Ref', paramOfOutside(stack, e));
    if (isInterp(e)) {
      return new Tagged(
        '!Sub',
        e.$parts
          .map((p) => {
            if (typeof p === 'string') return p.replace(/\$\{/g, '${!');
            const q = refParam(stack, p.$ref, p.attr);
            return `\${${q.name}}`;
          })
          .join(''),
      );
    }
    if (Array.isArray(e)) return e.map((x) => toY(stack, x));
    if (e && typeof e === 'object') return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, toY(stack, v as Expr)]));
    return e;
  };
  const tags = (r: IacResource) => (r.tags && Object.keys(r.tags).length ? Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) : undefined);

  const properties = (stack: Stack, res: Resolved, targets: Map<string, Resolved[]>): Record<string, Y | undefined> | undefined => {
    const r = res.resource;
    const s = res.spec;
    const y = (e: Expr | undefined) => (e === undefined ? undefined : toY(stack, e));
    switch (r.kind) {
      case 'serviceNetwork':
        return { Name: y(s.name), AuthType: y(s.authType), // The registry schema spells this one member in lower case.
        SharingConfig: y(s.sharingConfig ?? undefined), Tags: tags(r) };
      case 'service':
        return { Name: y(s.name), AuthType: y(s.authType), CustomDomainName: y(s.customDomainName), CertificateArn: y(s.certificateArn), Tags: tags(r) };
      case 'listener':
        return { Name: y(s.name), Protocol: y(s.protocol), Port: y(s.port), ServiceIdentifier: y(s.serviceIdentifier), DefaultAction: y(pascalKeys(s.defaultAction)) };
      case 'rule':
        return { Name: y(s.name), Priority: y(s.priority), ServiceIdentifier: y(s.serviceIdentifier), ListenerIdentifier: y(s.listenerIdentifier), Match: y(pascalKeys(s.match)), Action: y(pascalKeys(s.action)) };
      case 'targetGroup': {
        const inline = (targets.get(r.key) ?? []).map((t) => ({ Id: y(t.spec.id)!, ...(t.spec.port === undefined ? {} : { Port: y(t.spec.port)! }) }));
        return { Name: y(s.name), Type: y(s.type), Config: y(s.config ? pascalKeys(s.config) : undefined), Targets: inline.length ? inline : undefined, Tags: tags(r) };
      }
      case 'resourceGateway':
        return { Name: y(s.name), VpcIdentifier: y(s.vpcIdentifier), SubnetIds: y(s.subnetIds), SecurityGroupIds: y(s.securityGroupIds), IpAddressType: y(s.ipAddressType), Tags: tags(r) };
      case 'resourceConfiguration': {
        const def = s.resourceConfigurationDefinition as { [k: string]: Expr } | undefined;
        let definition: Y | undefined;
        if (def?.dnsResource) definition = { DnsResource: y(pascalKeys(def.dnsResource))! };
        else if (def?.ipResource) definition = { IpResource: y((def.ipResource as { ipAddress: Expr }).ipAddress)! };
        else if (def?.arnResource) definition = { ArnResource: y((def.arnResource as { arn: Expr }).arn)! };
        return {
          Name: y(s.name),
          ResourceConfigurationType: y(s.type),
          PortRanges: y(s.portRanges),
          ProtocolType: y(s.protocol),
          ResourceGatewayId: y(s.resourceGatewayIdentifier),
          ResourceConfigurationGroupId: y(s.resourceConfigurationGroupIdentifier),
          AllowAssociationToSharableServiceNetwork: y(s.allowAssociationToShareableServiceNetwork),
          CustomDomainName: y(s.customDomainName),
          ResourceConfigurationDefinition: definition,
          Tags: tags(r),
        };
      }
      case 'serviceNetworkServiceAssociation':
        return { ServiceNetworkIdentifier: y(s.serviceNetworkIdentifier), ServiceIdentifier: y(s.serviceIdentifier) };
      case 'serviceNetworkVpcAssociation':
        return { ServiceNetworkIdentifier: y(s.serviceNetworkIdentifier), VpcIdentifier: y(s.vpcIdentifier), SecurityGroupIds: y(s.securityGroupIds) };
      case 'serviceNetworkResourceAssociation':
        return { ServiceNetworkId: y(s.serviceNetworkIdentifier), ResourceConfigurationId: y(s.resourceConfigurationIdentifier) };
      case 'serviceNetworkVpcEndpoint': {
        const extra = (r.extra ?? {}) as JsonObject;
        return {
          VpcEndpointType: 'ServiceNetwork',
          VpcId: y(s.VpcId),
          ServiceNetworkArn: y(s.ServiceNetworkArn),
          SubnetIds: y(s.SubnetIds),
          SecurityGroupIds: y(s.SecurityGroupIds),
          PrivateDnsEnabled: y(extra.PrivateDnsEnabled),
          IpAddressType: y(extra.IpAddressType),
          DnsOptions: y(extra.DnsOptions as Expr | undefined),
          Tags: tags(r),
        };
      }
      case 'authPolicy':
        return { ResourceIdentifier: y(s.resourceIdentifier), Policy: y(s.policy) };
      case 'resourcePolicy':
        return { ResourceArn: y(s.resourceArn), Policy: y(s.policy) };
      case 'accessLogSubscription':
        return { ResourceIdentifier: y(s.resourceIdentifier), DestinationArn: y(s.destinationArn), ServiceNetworkLogType: y(s.serviceNetworkLogType) };
      case 'resourceShare':
        return { Name: y(s.name), AllowExternalPrincipals: y(s.allowExternalPrincipals), Principals: y(s.principals), ResourceArns: y(s.resourceArns), Tags: tags(r) };
      default:
        return undefined;
    }
  };

  const files: ExportFile[] = [];
  let count = 0;
  const ordered = [...stacks.values()].sort((a, b) => stackName(source, a.account, a.region).localeCompare(stackName(source, b.account, b.region)));
  // Two passes: the first finds every cross-stack output, the second writes.
  const bodies = new Map<Stack, Record<string, Y>>();
  for (const stack of ordered) {
    const targets = new Map<string, Resolved[]>();
    for (const r of stack.resources) {
      if (r.resource.kind !== 'target') continue;
      const tg = r.spec.targetGroupIdentifier;
      if (isRef(tg) && stackOf(resolver.byKey.get(tg.$ref)!) === stackOf(r.resource)) {
        if (!targets.has(tg.$ref)) targets.set(tg.$ref, []);
        targets.get(tg.$ref)!.push(r);
      }
      else stack.cannot.add(`targets of a target group this template does not hold (${typeof tg === 'string' ? tg : isOutside(tg) ? tg.$outside : 'another stack'}): CloudFormation has no target attachment resource; register them with RegisterTargets`);
    }
    const resources: Record<string, Y> = {};
    for (const res of stack.resources) {
      const r = res.resource;
      if (r.kind === 'target') continue;
      if (r.kind === 'shareAccepter') {
        stack.cannot.add(`accepting the RAM share ${String(r.spec.name)} (${r.spec.shareArn}): CloudFormation has no share accepter; accept the invitation outside the template, or turn on sharing with AWS Organizations`);
        continue;
      }
      const props = properties(stack, res, targets);
      if (!props) continue;
      const clean = Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as Record<string, Y>;
      const deps = res.dependsOn.filter((d) => stackOf(resolver.byKey.get(d)!) === stackOf(r) && resolver.byKey.get(d)!.kind !== 'target').map((d) => idOf.get(d)!);
      const explicit = deps.filter((d) => !JSON.stringify(clean).includes(`"${d}.`));
      resources[idOf.get(r.key)!] = { Type: CFN_TYPE[r.kind as keyof typeof CFN_TYPE], ...(explicit.length ? { DependsOn: explicit } : {}), Properties: clean };
      count++;
    }
    bodies.set(stack, resources);
  }
  for (const stack of ordered) {
    const resources = bodies.get(stack)!;
    const name = stackName(source, stack.account, stack.region);
    const accountName = source.accountNames[stack.account] ?? stack.account;
    if (Object.keys(resources).length > 500) stack.cannot.add(`${Object.keys(resources).length} resources, beyond CloudFormation's 500 per stack: split the template (e.g. a stack per service) before deploying it`);
    for (const c of stack.cannot) notes.add(`${name}: ${c}`);
    const header = [
      `# Stack ${name}: account ${accountName} (${stack.account}), ${stack.region}. Generated by Trellis from ${source.title}.`,
      `# Deploy it in account ${stack.account}, region ${stack.region}. Parameters default to what the estate holds now;`,
      '# a parameter named like another stack\'s output takes that output. The live resources can be adopted',
      '# with a CloudFormation resource import, by the ids they have now.',
      ...(stack.cannot.size ? ['#', '# What this template cannot express:', ...[...stack.cannot].sort().map((c) => `#  - ${c}`)] : []),
      ...(source.notes.length ? ['#', '# Notes:', ...source.notes.map((n) => `#  - ${n}`)] : []),
    ].join('\n');
    const root: Record<string, Y> = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Amazon VPC Lattice in ${accountName} (${stack.account}) ${stack.region}, exported by Trellis from ${source.title}`,
    };
    if (stack.parameters.size) root.Parameters = Object.fromEntries([...stack.parameters.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v as unknown as Y]));
    root.Resources = Object.keys(resources).length ? resources : {};
    if (stack.outputs.size) root.Outputs = Object.fromEntries([...stack.outputs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v as unknown as Y]));
    if (!Object.keys(resources).length) {
      // A template must hold a resource; a stack with nothing CloudFormation can express is a note, not a file.
      notes.add(`${name}: nothing in this account and region can be written as CloudFormation`);
      continue;
    }
    files.push({ path: `cloudformation/${name}.yaml`, content: `${header}\n${document(root)}` });
  }
  return { files, notes: [...source.notes, ...notes], summary: { resources: count, imports: 0, variables: ordered.reduce((n, s) => n + s.parameters.size, 0) } };
}
