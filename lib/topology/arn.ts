// ARNs are the keys of a Topology. These helpers read them and build the few the APIs do
// not return (EC2 describes give ids, Lattice associations name VPCs by id only).

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account, e.g. `service/svc-0123` or `vpc/vpc-0abc`. */
  resource: string;
  /** The resource type before the first `/` (`service`, `vpc`, `resourceshare`…). */
  resourceType: string;
  /** The last path segment (`svc-0123`). */
  resourceId: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts;
  const resource = parts.slice(5).join(':');
  const slash = resource.indexOf('/');
  const resourceType = slash === -1 ? resource : resource.slice(0, slash);
  const resourceId = resource.slice(resource.lastIndexOf('/') + 1);
  return { partition, service, region, account, resource, resourceType, resourceId };
}

export function accountOfArn(arn: string): string {
  return arnField(arn, 4);
}

export function regionOfArn(arn: string): string {
  return arnField(arn, 3);
}

/** Field `index` of an ARN (what parseArn would give), found without splitting: plans ask for every resource's. */
function arnField(arn: string, index: 3 | 4): string {
  if (!arn.startsWith('arn:')) return '';
  let start = 0;
  for (let i = 0; i < index; i++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return '';
  }
  const end = arn.indexOf(':', start);
  if (end < 0) return '';
  // parseArn wants six fields: the account's colon is the fifth.
  if (index === 3 && arn.indexOf(':', end + 1) < 0) return '';
  return arn.slice(start, end);
}

/** EC2's documented ARN form: arn:PARTITION:ec2:REGION:ACCOUNT:TYPE/ID. */
export function ec2Arn(partition: string, region: string, account: string, type: 'vpc' | 'subnet' | 'security-group' | 'vpc-endpoint' | 'vpc-endpoint-service' | 'instance', id: string): string {
  return `arn:${partition}:ec2:${region}:${account}:${type}/${id}`;
}

/** An account as a RAM principal, in IAM's form for the account root. */
export function accountPrincipalArn(partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:root`;
}

/** Targets have no ARN: key them under their target group. */
export function targetKey(targetGroupArn: string, targetId: string, port?: number): string {
  return `${targetGroupArn}#target/${targetId}${port === undefined ? '' : `:${port}`}`;
}

/** Edges that are not AWS resources of their own get a key from their ends. */
export function edgeKey(kind: string, source: string, target: string): string {
  return `${kind}:${source}->${target}`;
}

