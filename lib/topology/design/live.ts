// The live estate read as design records: what each resource's create call would have to
// say to make it as it is. The plan diffs a design against these, and "start from live"
// copies them into a design, so a design taken from the estate plans to nothing.
import { accountOfArn, parseArn, regionOfArn } from '../arn';
import type { Json, JsonObject, Topology, TopologyEdge, TopologyNode } from '../types';
import { GLOBAL_REGION } from './kinds';
import type { DesignRecord } from './types';

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: Json | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const obj = (v: Json | undefined): JsonObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const list = (v: Json | undefined): Json[] | undefined => (Array.isArray(v) ? v : undefined);

/** Drops undefined members, so absent and unset compare equal. */
export function compact(o: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  // A loop over keys rather than Object.entries: this runs for every resource of an estate.
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The id of an auth policy record: one policy per resource. */
export function authPolicyId(resourceArn: string): string {
  return `authPolicy:${resourceArn}`;
}

/** The id of an inline policy record of a role: one policy per name per role. */
export function rolePolicyId(roleArn: string, policyName: string): string {
  return `rolePolicy:${roleArn}/${policyName}`;
}

/** A policy document as IAM returns it: URL-encoded by the query API, or as JSON text or an object. */
export function policyText(v: Json | undefined): string | undefined {
  if (v && typeof v === 'object') return JSON.stringify(v);
  if (typeof v !== 'string' || !v) return undefined;
  if (v.trimStart().startsWith('{')) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** A role's inline policies, from a node's description: `{ name: document }` or `[{ PolicyName, PolicyDocument }]`. */
function inlinePolicies(v: Json | undefined): [string, string][] {
  const out: [string, string][] = [];
  if (Array.isArray(v)) {
    for (const p of v) {
      const o = obj(p);
      const name = str(o?.PolicyName);
      const doc = policyText(o?.PolicyDocument);
      if (name && doc) out.push([name, doc]);
    }
  } else if (obj(v)) {
    for (const [name, doc] of Object.entries(obj(v)!)) {
      const text = policyText(doc);
      if (text) out.push([name, text]);
    }
  }
  return out;
}

/** Live records for every resource of the kinds a design holds, keyed by ARN (or a stable key). */
export function liveRecords(topology: Topology): DesignRecord[] {
  const out: DesignRecord[] = [];
  // Indexes few records need, built on first use: this runs for every resource of an estate.
  let nodes: Map<string, TopologyNode> | undefined;
  const nodeById = (id: string) => (nodes ??= new Map(topology.nodes.map((n) => [n.id, n]))).get(id);
  // Forward actions name target groups by id or ARN; ids resolve within the listener's account.
  let tgArns: Map<string, string> | undefined;
  const tgArnOf = (account: string, id: string) => {
    if (!tgArns) {
      tgArns = new Map();
      for (const n of topology.nodes) {
        if (n.kind !== 'targetGroup') continue;
        const rid = n.resourceId ?? parseArn(n.id)?.resourceId;
        if (rid) tgArns.set(`${n.account}:${rid}`, n.id);
      }
    }
    return tgArns.get(`${account}:${id}`);
  };
  const gatewayOf = new Map<string, string>();
  const groupOf = new Map<string, string>();
  for (const e of topology.edges) {
    if (e.kind === 'resourceGatewayResourceConfiguration') gatewayOf.set(e.target, e.source);
    if (e.kind === 'resourceConfigurationChild') groupOf.set(e.target, e.source);
  }
  const action = (a: Json | undefined, account: string): JsonObject | undefined => {
    const act = obj(a);
    if (!act) return undefined;
    const forward = obj(act.forward);
    if (forward) {
      const targetGroups = (list(forward.targetGroups) ?? []).map((t) => {
        const wtg = obj(t) ?? {};
        const ident = str(wtg.targetGroupIdentifier) ?? '';
        const arn = ident.startsWith('arn:') ? ident : (tgArnOf(account, ident) ?? ident);
        return compact({ targetGroupIdentifier: arn, weight: num(wtg.weight) });
      });
      return { forward: { targetGroups } };
    }
    return act;
  };
  const base = (n: TopologyNode, spec: Record<string, Json | undefined>, withTags: boolean): DesignRecord => {
    const record: DesignRecord = { id: n.id, kind: n.kind as DesignRecord['kind'], account: n.account, region: n.region, spec: compact(spec), arn: n.id };
    if (withTags) record.tags = { ...n.tags };
    return record;
  };

  for (const n of topology.nodes) {
    if (n.external) continue;
    const d = n.description;
    switch (n.kind) {
      case 'serviceNetwork':
        out.push(base(n, { name: n.name, authType: str(d.authType) ?? 'NONE', sharingConfig: obj(d.sharingConfig) }, true));
        break;
      case 'service':
        out.push(base(n, { name: n.name, authType: str(d.authType) ?? 'NONE', customDomainName: str(d.customDomainName), certificateArn: str(d.certificateArn) }, true));
        break;
      case 'listener':
        if (!n.parent) break;
        out.push(base(n, { serviceIdentifier: n.parent, name: n.name, protocol: str(d.protocol), port: num(d.port), defaultAction: action(d.defaultAction, n.account) }, false));
        break;
      case 'rule':
        if (!n.parent || d.isDefault === true) break;
        out.push(base(n, { listenerIdentifier: n.parent, name: n.name, priority: num(d.priority), match: obj(d.match), action: action(d.action, n.account) }, false));
        break;
      case 'targetGroup': {
        const config = obj(d.config) ?? compact({ port: num(d.port), protocol: str(d.protocol), vpcIdentifier: str(d.vpcIdentifier), ipAddressType: str(d.ipAddressType), lambdaEventStructureVersion: str(d.lambdaEventStructureVersion) });
        out.push(base(n, { name: n.name, type: str(d.type), config }, true));
        break;
      }
      case 'target':
        if (!n.parent) break;
        out.push({ id: n.id, kind: 'target', account: n.account || accountOfArn(n.parent), region: n.region, spec: compact({ targetGroupIdentifier: n.parent, id: str(d.id) ?? n.resourceId, port: num(d.port) }) });
        break;
      case 'resourceGateway':
        out.push(
          base(n, { name: n.name, vpcIdentifier: str(d.vpcIdentifier) ?? str(d.vpcId), subnetIds: list(d.subnetIds), securityGroupIds: list(d.securityGroupIds), ipAddressType: str(d.ipAddressType) }, true),
        );
        break;
      case 'resourceConfiguration':
        out.push(
          base(
            n,
            {
              name: n.name,
              type: str(d.type),
              resourceGatewayIdentifier: gatewayOf.get(n.id),
              resourceConfigurationGroupIdentifier: groupOf.get(n.id),
              portRanges: list(d.portRanges),
              protocol: str(d.protocol),
              resourceConfigurationDefinition: obj(d.resourceConfigurationDefinition),
              allowAssociationToShareableServiceNetwork: typeof d.allowAssociationToShareableServiceNetwork === 'boolean' ? d.allowAssociationToShareableServiceNetwork : undefined,
              customDomainName: str(d.customDomainName),
            },
            true,
          ),
        );
        break;
      case 'accessLogSubscription': {
        const resource = str(d.resourceArn) ?? n.parent;
        if (!resource) break;
        // AWS reports a CloudWatch Logs destination with `:*` whether or not it was given one
        // (hashicorp/terraform-provider-aws#31595); designs write it without, so compare without.
        const destination = str(d.destinationArn)?.replace(/^(arn:[^:]+:logs:.*):\*$/, '$1');
        out.push(base(n, { resourceIdentifier: resource, destinationArn: destination, serviceNetworkLogType: str(d.serviceNetworkLogType) }, false));
        break;
      }
      case 'iamRole': {
        // IAM is global: a role belongs to its account, whatever Region it was read through.
        const roleName = str(d.RoleName) ?? n.name;
        out.push({
          id: n.id,
          kind: 'iamRole',
          account: n.account || accountOfArn(n.id),
          region: GLOBAL_REGION,
          arn: n.id,
          spec: compact({
            RoleName: roleName,
            Path: str(d.Path) ?? '/',
            AssumeRolePolicyDocument: policyText(d.AssumeRolePolicyDocument) ?? policyText(n.trustPolicy ?? undefined),
            Description: str(d.Description),
            MaxSessionDuration: num(d.MaxSessionDuration),
          }),
          tags: { ...n.tags },
        });
        const inline = n.identityPolicies ? n.identityPolicies.filter((p) => p.kind === 'inline').map((p) => ({ PolicyName: p.name, PolicyDocument: p.policy })) : (d.inlinePolicies ?? d.RolePolicies);
        for (const [policyName, document] of inlinePolicies(inline)) {
          out.push({ id: rolePolicyId(n.id, policyName), kind: 'iamRolePolicy', account: n.account || accountOfArn(n.id), region: GLOBAL_REGION, spec: { RoleName: n.id, PolicyName: policyName, PolicyDocument: document } });
        }
        break;
      }
      case 'vpcEndpoint': {
        const snArn = str(d.ServiceNetworkArn);
        if (!snArn) break;
        const groups = (list(d.Groups) ?? []).map((g) => str(obj(g)?.GroupId)).filter((g): g is string => !!g);
        out.push({
          id: n.id,
          kind: 'serviceNetworkVpcEndpoint',
          account: n.account,
          region: n.region,
          arn: n.id,
          spec: compact({ VpcId: str(d.VpcId), ServiceNetworkArn: snArn, SubnetIds: list(d.SubnetIds), SecurityGroupIds: groups.length ? groups : undefined }),
        });
        break;
      }
    }
    if ((n.kind === 'serviceNetwork' || n.kind === 'service') && n.authPolicy && n.authPolicy.policy !== null) {
      const policy = typeof n.authPolicy.policy === 'string' ? n.authPolicy.policy : JSON.stringify(n.authPolicy.policy);
      out.push({ id: authPolicyId(n.id), kind: 'authPolicy', account: n.account, region: n.region, spec: { resourceIdentifier: n.id, policy } });
    }
  }

  const association = (e: TopologyEdge, kind: DesignRecord['kind'], spec: Record<string, Json | undefined>, fallbackAccount: string) => {
    const account = e.account || (e.id.startsWith('arn:') ? accountOfArn(e.id) : '') || fallbackAccount;
    const region = (e.id.startsWith('arn:') ? regionOfArn(e.id) : '') || regionOfArn(e.source);
    const record: DesignRecord = { id: e.id, kind, account, region, spec: compact(spec) };
    if (e.id.startsWith('arn:')) record.arn = e.id;
    out.push(record);
  };
  for (const e of topology.edges) {
    if (e.kind === 'serviceNetworkService') {
      association(e, 'serviceNetworkServiceAssociation', { serviceNetworkIdentifier: e.source, serviceIdentifier: e.target }, accountOfArn(e.target));
    } else if (e.kind === 'serviceNetworkResourceConfiguration') {
      association(e, 'serviceNetworkResourceAssociation', { serviceNetworkIdentifier: e.source, resourceConfigurationIdentifier: e.target }, accountOfArn(e.target));
    } else if (e.kind === 'serviceNetworkVpc') {
      const vpc = nodeById(e.target);
      const vpcId = vpc?.resourceId ?? parseArn(e.target)?.resourceId ?? e.target.replace(/^vpc:/, '');
      const sgs = list(e.description?.securityGroupIds);
      association(e, 'serviceNetworkVpcAssociation', { serviceNetworkIdentifier: e.source, vpcIdentifier: vpcId, securityGroupIds: sgs }, vpc?.account ?? '');
    }
  }
  return out;
}
