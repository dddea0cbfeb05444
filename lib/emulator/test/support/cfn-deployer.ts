// A small CloudFormation deployer for tests: reads Trellis's exported templates (one per account
// and region), and creates their resources through lattice-local's operations, one by one, in
// dependency order across all the stacks. Intrinsics: Ref (a parameter: another stack's output
// of the same name, else its default), Fn::GetAtt (Arn, Id of a created resource) and Fn::Sub.
// What a template cannot say (accepting a RAM invitation) the deployer does the way an operator
// would: it accepts the invitations of accounts it deploys stacks to.
import { parse, type CollectionTag, type ScalarTag } from 'yaml';
import { callOperation, type LatticeLocal } from '@/lib/emulator';

type Value = unknown;
interface Template {
  Parameters?: Record<string, { Default?: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, Value>; DependsOn?: string[] }>;
  Outputs?: Record<string, { Value: Value }>;
}

const tags: (ScalarTag | CollectionTag)[] = [
  { tag: '!Ref', resolve: (v: string) => ({ Ref: v }) } as ScalarTag,
  { tag: '!GetAtt', resolve: (v: string) => ({ 'Fn::GetAtt': v.split('.') }) } as ScalarTag,
  { tag: '!Sub', resolve: (v: string) => ({ 'Fn::Sub': v }) } as ScalarTag,
];

export function parseTemplate(text: string): Template {
  return parse(text, { customTags: tags }) as Template;
}

export interface DeployedStack {
  name: string;
  account: string;
  region: string;
  template: Template;
}

interface Node {
  stack: DeployedStack;
  logicalId: string;
  deps: Set<string>;
}

const key = (stack: string, logicalId: string) => `${stack}/${logicalId}`;

/** References a value makes: GetAtt within the stack, Refs to parameters fed by other stacks' outputs. */
function refsOf(v: Value, out: { getAtt: Set<string>; refs: Set<string> }) {
  if (Array.isArray(v)) v.forEach((x) => refsOf(x, out));
  else if (v && typeof v === 'object') {
    const o = v as Record<string, Value>;
    if ('Fn::GetAtt' in o) out.getAtt.add((o['Fn::GetAtt'] as string[])[0]);
    else if ('Ref' in o) out.refs.add(o.Ref as string);
    else if ('Fn::Sub' in o) for (const m of String(o['Fn::Sub']).matchAll(/\$\{([A-Za-z0-9]+)(?:\.([A-Za-z]+))?\}/g)) (m[2] ? out.getAtt : out.refs).add(m[1]);
    else Object.values(o).forEach((x) => refsOf(x, out));
  }
}

const lower = (k: string) => k[0].toLowerCase() + k.slice(1);
function camel(v: Value): Value {
  if (Array.isArray(v)) return v.map(camel);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, Value>).map(([k, x]) => [lower(k), camel(x)]));
  return v;
}
const tagMap = (t: Value) => (Array.isArray(t) ? Object.fromEntries((t as { Key: string; Value: string }[]).map((x) => [x.Key, x.Value])) : undefined);
const compact = (o: Record<string, Value>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The operation and input that create a resource of each type, from its (resolved) properties. */
function operationFor(type: string, p: Record<string, any>): { service: 'vpc-lattice' | 'ram' | 'ec2'; operation: string; input: Record<string, Value> } {
  switch (type) {
    case 'AWS::VpcLattice::ServiceNetwork':
      return { service: 'vpc-lattice', operation: 'CreateServiceNetwork', input: compact({ name: p.Name, authType: p.AuthType, sharingConfig: p.SharingConfig, tags: tagMap(p.Tags) }) };
    case 'AWS::VpcLattice::Service':
      return { service: 'vpc-lattice', operation: 'CreateService', input: compact({ name: p.Name, authType: p.AuthType, customDomainName: p.CustomDomainName, certificateArn: p.CertificateArn, tags: tagMap(p.Tags) }) };
    case 'AWS::VpcLattice::TargetGroup':
      return { service: 'vpc-lattice', operation: 'CreateTargetGroup', input: compact({ name: p.Name, type: p.Type, config: p.Config ? camel(p.Config) : undefined, tags: tagMap(p.Tags) }) };
    case 'AWS::VpcLattice::Listener':
      return { service: 'vpc-lattice', operation: 'CreateListener', input: compact({ serviceIdentifier: p.ServiceIdentifier, name: p.Name, protocol: p.Protocol, port: p.Port, defaultAction: camel(p.DefaultAction) }) };
    case 'AWS::VpcLattice::Rule':
      return { service: 'vpc-lattice', operation: 'CreateRule', input: compact({ serviceIdentifier: p.ServiceIdentifier, listenerIdentifier: p.ListenerIdentifier, name: p.Name, priority: p.Priority, match: camel(p.Match), action: camel(p.Action) }) };
    case 'AWS::VpcLattice::ResourceGateway':
      return { service: 'vpc-lattice', operation: 'CreateResourceGateway', input: compact({ name: p.Name, vpcIdentifier: p.VpcIdentifier, subnetIds: p.SubnetIds, securityGroupIds: p.SecurityGroupIds, ipAddressType: p.IpAddressType, tags: tagMap(p.Tags) }) };
    case 'AWS::VpcLattice::ResourceConfiguration': {
      const d = p.ResourceConfigurationDefinition;
      const definition = d?.DnsResource ? { dnsResource: camel(d.DnsResource) } : d?.IpResource ? { ipResource: { ipAddress: d.IpResource } } : d?.ArnResource ? { arnResource: { arn: d.ArnResource } } : undefined;
      return {
        service: 'vpc-lattice',
        operation: 'CreateResourceConfiguration',
        input: compact({
          name: p.Name,
          type: p.ResourceConfigurationType,
          portRanges: p.PortRanges,
          protocol: p.ProtocolType,
          resourceGatewayIdentifier: p.ResourceGatewayId,
          resourceConfigurationGroupIdentifier: p.ResourceConfigurationGroupId,
          allowAssociationToShareableServiceNetwork: p.AllowAssociationToSharableServiceNetwork,
          customDomainName: p.CustomDomainName,
          resourceConfigurationDefinition: definition,
          tags: tagMap(p.Tags),
        }),
      };
    }
    case 'AWS::VpcLattice::ServiceNetworkServiceAssociation':
      return { service: 'vpc-lattice', operation: 'CreateServiceNetworkServiceAssociation', input: { serviceNetworkIdentifier: p.ServiceNetworkIdentifier, serviceIdentifier: p.ServiceIdentifier } };
    case 'AWS::VpcLattice::ServiceNetworkVpcAssociation':
      return { service: 'vpc-lattice', operation: 'CreateServiceNetworkVpcAssociation', input: compact({ serviceNetworkIdentifier: p.ServiceNetworkIdentifier, vpcIdentifier: p.VpcIdentifier, securityGroupIds: p.SecurityGroupIds }) };
    case 'AWS::VpcLattice::ServiceNetworkResourceAssociation':
      return { service: 'vpc-lattice', operation: 'CreateServiceNetworkResourceAssociation', input: { serviceNetworkIdentifier: p.ServiceNetworkId, resourceConfigurationIdentifier: p.ResourceConfigurationId } };
    case 'AWS::VpcLattice::AuthPolicy':
      return { service: 'vpc-lattice', operation: 'PutAuthPolicy', input: { resourceIdentifier: p.ResourceIdentifier, policy: JSON.stringify(p.Policy) } };
    case 'AWS::VpcLattice::ResourcePolicy':
      return { service: 'vpc-lattice', operation: 'PutResourcePolicy', input: { resourceArn: p.ResourceArn, policy: JSON.stringify(p.Policy) } };
    case 'AWS::VpcLattice::AccessLogSubscription':
      return { service: 'vpc-lattice', operation: 'CreateAccessLogSubscription', input: compact({ resourceIdentifier: p.ResourceIdentifier, destinationArn: p.DestinationArn, serviceNetworkLogType: p.ServiceNetworkLogType }) };
    case 'AWS::EC2::VPCEndpoint':
      return {
        service: 'ec2',
        operation: 'CreateVpcEndpoint',
        input: compact({
          VpcEndpointType: p.VpcEndpointType,
          VpcId: p.VpcId,
          ServiceNetworkArn: p.ServiceNetworkArn,
          SubnetIds: p.SubnetIds,
          SecurityGroupIds: p.SecurityGroupIds,
          PrivateDnsEnabled: p.PrivateDnsEnabled,
          IpAddressType: p.IpAddressType,
          DnsOptions: p.DnsOptions,
          TagSpecifications: p.Tags ? [{ ResourceType: 'vpc-endpoint', Tags: p.Tags }] : undefined,
        }),
      };
    case 'AWS::RAM::ResourceShare':
      return {
        service: 'ram',
        operation: 'CreateResourceShare',
        input: compact({ name: p.Name, allowExternalPrincipals: p.AllowExternalPrincipals, principals: p.Principals, resourceArns: p.ResourceArns, tags: Array.isArray(p.Tags) ? p.Tags.map((t: { Key: string; Value: string }) => ({ key: t.Key, value: t.Value })) : undefined }),
      };
    default:
      throw new Error(`the test deployer does not know ${type}`);
  }
}

/** Arn and Id of what a create call returned. */
function attributesOf(type: string, out: Record<string, any>, input: Record<string, Value>): { Arn?: string; Id?: string } {
  if (type === 'AWS::EC2::VPCEndpoint') return { Id: out.VpcEndpoint?.VpcEndpointId };
  if (type === 'AWS::RAM::ResourceShare') return { Arn: out.resourceShare?.resourceShareArn };
  if (type === 'AWS::VpcLattice::AuthPolicy') return { Arn: String(input.resourceIdentifier) };
  if (type === 'AWS::VpcLattice::ResourcePolicy') return { Arn: String(input.resourceArn) };
  return { Arn: out.arn, Id: out.id };
}

export interface DeployResult {
  /** Creates in the order they ran: `stack/LogicalId`. */
  order: string[];
  accepted: string[];
}

/** Deploys the stacks into lattice-local; `accountOf` maps a stack (file) name to its account and region. */
export async function deployStacks(local: LatticeLocal, stacks: DeployedStack[]): Promise<DeployResult> {
  const outputsBy = new Map<string, { stack: DeployedStack; value: Value }>();
  for (const s of stacks) for (const [name, o] of Object.entries(s.template.Outputs ?? {})) outputsBy.set(name, { stack: s, value: o.Value });
  const nodes = new Map<string, Node>();
  for (const s of stacks) {
    for (const [id, r] of Object.entries(s.template.Resources)) {
      const found = { getAtt: new Set<string>(), refs: new Set<string>() };
      refsOf(r.Properties, found);
      const deps = new Set<string>([...found.getAtt, ...(r.DependsOn ?? [])].map((d) => key(s.name, d)));
      for (const ref of found.refs) {
        const out = outputsBy.get(ref);
        if (out && out.stack !== s) {
          const f = { getAtt: new Set<string>(), refs: new Set<string>() };
          refsOf(out.value, f);
          for (const d of f.getAtt) {
            deps.add(key(out.stack.name, d));
            // Using another account's resource needs it shared first: depend on the shares that hold it.
            for (const [shareId, share] of Object.entries(out.stack.template.Resources)) {
              if (share.Type !== 'AWS::RAM::ResourceShare') continue;
              const held = { getAtt: new Set<string>(), refs: new Set<string>() };
              refsOf(share.Properties.ResourceArns, held);
              if (held.getAtt.has(d)) deps.add(key(out.stack.name, shareId));
            }
          }
        }
      }
      nodes.set(key(s.name, id), { stack: s, logicalId: id, deps });
    }
  }
  const created = new Map<string, { Arn?: string; Id?: string }>();
  const accepted: string[] = [];
  const deployedAccounts = new Set(stacks.map((s) => s.account));

  const resolve = (s: DeployedStack, v: Value): Value => {
    if (Array.isArray(v)) return v.map((x) => resolve(s, x));
    if (v && typeof v === 'object') {
      const o = v as Record<string, Value>;
      if ('Fn::GetAtt' in o) {
        const [id, attr] = o['Fn::GetAtt'] as [string, 'Arn' | 'Id'];
        const got = created.get(key(s.name, id))?.[attr];
        if (!got) throw new Error(`${s.name}: ${id}.${attr} is not known yet`);
        return got;
      }
      if ('Ref' in o) return param(s, o.Ref as string);
      if ('Fn::Sub' in o) {
        return String(o['Fn::Sub'])
          .replace(/\$\{([A-Za-z0-9]+)(?:\.([A-Za-z]+))?\}/g, (_, id: string, attr?: string) => String(attr ? resolve(s, { 'Fn::GetAtt': [id, attr] }) : param(s, id)))
          .replace(/\$\{!/g, '${');
      }
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(s, x)]));
    }
    return v;
  };
  const param = (s: DeployedStack, name: string): Value => {
    const out = outputsBy.get(name);
    if (out && out.stack !== s) return resolve(out.stack, out.value);
    const p = s.template.Parameters?.[name];
    if (!p || p.Default === undefined) throw new Error(`${s.name}: parameter ${name} has no value`);
    return p.Default;
  };

  const order: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = async (k: string) => {
    if (done.has(k)) return;
    if (visiting.has(k)) throw new Error(`dependency cycle through ${k}`);
    visiting.add(k);
    const node = nodes.get(k);
    if (!node) throw new Error(`${k} is referenced but not in any template`);
    for (const d of [...node.deps].sort()) await visit(d);
    const r = node.stack.template.Resources[node.logicalId];
    const props = resolve(node.stack, r.Properties) as Record<string, any>;
    const { service, operation, input } = operationFor(r.Type, props);
    const call = (op: string, inp: Record<string, Value>, account = node.stack.account) => callOperation(local.context, { service, operation: op, account, region: node.stack.region, input: inp });
    const out = await call(operation, input);
    if (r.Type === 'AWS::VpcLattice::TargetGroup' && Array.isArray(props.Targets) && props.Targets.length) {
      await call('RegisterTargets', { targetGroupIdentifier: out.id, targets: camel(props.Targets) as Value });
    }
    if (r.Type === 'AWS::RAM::ResourceShare') {
      // The step outside the template: accounts this deployment serves accept their invitation.
      const shareArn = out.resourceShare.resourceShareArn as string;
      for (const principal of (props.Principals as string[]) ?? []) {
        if (!/^\d{12}$/.test(principal) || !deployedAccounts.has(principal)) continue;
        const inv = await callOperation(local.context, { service: 'ram', operation: 'GetResourceShareInvitations', account: principal, region: node.stack.region, input: { resourceShareArns: [shareArn] } });
        for (const i of inv.resourceShareInvitations ?? []) {
          if (i.status !== 'PENDING') continue;
          await callOperation(local.context, { service: 'ram', operation: 'AcceptResourceShareInvitation', account: principal, region: node.stack.region, input: { resourceShareInvitationArn: i.resourceShareInvitationArn } });
          accepted.push(`${principal} ${props.Name}`);
        }
      }
    }
    created.set(k, attributesOf(r.Type, out, input));
    visiting.delete(k);
    done.add(k);
    order.push(k);
  };
  for (const k of [...nodes.keys()].sort()) await visit(k);
  return { order, accepted };
}
