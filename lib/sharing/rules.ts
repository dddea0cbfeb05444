// What RAM lets Trellis share and with whom, checked before anything is sent. The resource
// types come from the VPC Lattice model (model-rules.generated.json): the resource-policy
// calls accept exactly the ARNs of what can be shared. The principal forms are the ones the
// RAM model documents for CreateResourceShare.principals, narrowed to what VPC Lattice
// accepts (accounts, organizations and organizational units; no IAM roles, users or service
// principals).
import type { ResourceKind, TopologyNode } from '@/lib/topology';
import generated from './model-rules.generated.json';

export const MODEL_RULES = generated;

export type ShareableKind = Extract<ResourceKind, 'serviceNetwork' | 'service' | 'resourceConfiguration'>;

export interface ShareableType {
  /** RAM's resource type string (ListResources, ListResourceTypes, ListPendingInvitationResources). */
  resourceType: string;
  /** The resource part of the ARN before the `/`: `servicenetwork`. */
  arnResource: string;
  /** The id prefix: `sn`. */
  idPrefix: string;
  kind: ShareableKind;
  label: string;
}

// RAM's names for the Lattice types (the model's pattern gives the ARN forms, not these).
const RAM_NAMES: Record<string, { resourceType: string; kind: ShareableKind; label: string }> = {
  servicenetwork: { resourceType: 'vpc-lattice:ServiceNetwork', kind: 'serviceNetwork', label: 'service network' },
  service: { resourceType: 'vpc-lattice:Service', kind: 'service', label: 'service' },
  resourceconfiguration: { resourceType: 'vpc-lattice:ResourceConfiguration', kind: 'resourceConfiguration', label: 'resource configuration' },
};

function shareableTypesFromModel(pattern: string): ShareableType[] {
  const types: ShareableType[] = [];
  for (const m of pattern.matchAll(/\(([a-z]+)\/([a-z]+)\)/g)) {
    const names = RAM_NAMES[m[1]];
    if (!names) throw new Error(`the VPC Lattice model shares "${m[1]}", which Trellis has no RAM type name for`);
    types.push({ arnResource: m[1], idPrefix: m[2], ...names });
  }
  if (types.length === 0) throw new Error('the VPC Lattice model names no shareable resource type');
  return types;
}

/** The VPC Lattice resource types RAM shares, in the model's order. */
export const SHAREABLE_TYPES: readonly ShareableType[] = shareableTypesFromModel(MODEL_RULES.lattice.shareableArn.pattern);

export const SHAREABLE_LABELS = SHAREABLE_TYPES.map((t) => `${t.label}s`).join(', ').replace(/, ([^,]*)$/, ' and $1');

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const SHAREABLE_ARN = whole(MODEL_RULES.lattice.shareableArn.pattern);
const OTHER_LATTICE_ARNS = Object.entries(MODEL_RULES.lattice.arns).map(([shape, pattern]) => ({ label: labelOfShape(shape), pattern: whole(pattern) }));
const ACCOUNT_ID = whole(MODEL_RULES.lattice.accountId);

function labelOfShape(shape: string): string {
  return shape
    .replace(/Arn$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bvpc\b/g, 'VPC');
}

export const ACCOUNT_ID_RULE = 'a 12-digit AWS account id';
export const PRINCIPAL_RULE = `${ACCOUNT_ID_RULE}, an organization ARN (arn:aws:organizations::ACCOUNT:organization/o-…) or an organizational unit ARN`;
export const RESOURCE_RULE = `the ARN of a VPC Lattice ${SHAREABLE_TYPES.map((t) => t.label).join(', ').replace(/, ([^,]*)$/, ' or $1')}`;

export type ResourceCheck = { ok: true; type: ShareableType; account: string; region: string } | { ok: false; rule: string };

/** Whether RAM shares the resource an ARN names, and if not, what it is and why. */
export function checkResourceArn(value: string): ResourceCheck {
  const arn = value.trim();
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return { ok: false, rule: `"${arn}" is not an ARN; expected ${RESOURCE_RULE}` };
  if (SHAREABLE_ARN.test(arn) && parts[2] === 'vpc-lattice') {
    const resource = parts.slice(5).join(':');
    const type = SHAREABLE_TYPES.find((t) => resource.startsWith(`${t.arnResource}/${t.idPrefix}-`));
    if (type) return { ok: true, type, account: parts[4], region: parts[3] };
  }
  const other = OTHER_LATTICE_ARNS.find((o) => o.pattern.test(arn));
  if (other) return { ok: false, rule: `${arn} is a VPC Lattice ${other.label}; RAM shares only ${SHAREABLE_LABELS}` };
  if (parts[2] === 'vpc-lattice') return { ok: false, rule: `${arn} is not a well-formed VPC Lattice ARN; expected ${RESOURCE_RULE}` };
  const what = parts.slice(5).join(':').split(/[/:]/)[0] || 'resource';
  return { ok: false, rule: `${arn} is a ${parts[2]} ${what}; Trellis shares only VPC Lattice ${SHAREABLE_LABELS}` };
}

export type Principal =
  | { kind: 'account'; value: string; account: string }
  | { kind: 'organization'; value: string; organizationId: string; managementAccount: string }
  | { kind: 'organizationalUnit'; value: string; organizationId: string; managementAccount: string };

export type PrincipalCheck = { ok: true; principal: Principal } | { ok: false; rule: string };

const ORGANIZATION_ARN = /^arn:aws[a-z-]*:organizations::(\d{12}):organization\/(o-[a-z0-9]{10,32})$/;
const OU_ARN = /^arn:aws[a-z-]*:organizations::(\d{12}):ou\/(o-[a-z0-9]{10,32})\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** One principal as a person typed it: an account id, an organization or an OU. */
export function checkPrincipal(value: string): PrincipalCheck {
  const text = value.trim();
  if (ACCOUNT_ID.test(text)) return { ok: true, principal: { kind: 'account', value: text, account: text } };
  const org = ORGANIZATION_ARN.exec(text);
  if (org) return { ok: true, principal: { kind: 'organization', value: text, organizationId: org[2], managementAccount: org[1] } };
  const ou = OU_ARN.exec(text);
  if (ou) return { ok: true, principal: { kind: 'organizationalUnit', value: text, organizationId: ou[2], managementAccount: ou[1] } };
  const root = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(text);
  if (root) return { ok: false, rule: `"${text}" names an account root; give the account id ${root[1]} instead` };
  if (/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\//.test(text)) return { ok: false, rule: `"${text}" is an IAM role or user; VPC Lattice resources are shared with accounts, organizational units or an organization` };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/.test(text)) return { ok: false, rule: `"${text}" is a service principal; VPC Lattice resources are shared with accounts, organizational units or an organization` };
  if (/^\d+$/.test(text)) return { ok: false, rule: `"${text}" is not ${ACCOUNT_ID_RULE} (it has ${text.length} digit${text.length === 1 ? '' : 's'})` };
  if (text.startsWith('arn:')) return { ok: false, rule: `"${text}" is not an organization or organizational unit ARN; expected ${PRINCIPAL_RULE}` };
  return { ok: false, rule: `"${text}" is not ${PRINCIPAL_RULE}` };
}

/**
 * What the live estate says against sharing a resource: a CHILD resource configuration goes
 * with its group, and a service network created with sharing disabled refuses every share.
 * Undefined when nothing stands in the way.
 */
export function shareBlocker(node: Pick<TopologyNode, 'id' | 'kind' | 'name' | 'description'>): string | undefined {
  if (node.kind === 'resourceConfiguration' && node.description.type === 'CHILD') {
    return `${node.name} is a CHILD resource configuration; share its group instead (a child cannot be shared alone)`;
  }
  const sharing = node.description.sharingConfig as { enabled?: boolean } | null | undefined;
  if (node.kind === 'serviceNetwork' && sharing && sharing.enabled === false) {
    return `service network ${node.name} was created with sharing disabled (sharingConfig.enabled is false)`;
  }
  return undefined;
}

export const INVITATION_STATUSES = MODEL_RULES.ram.invitationStatus;
export const RAM_PAGE_SIZE = MODEL_RULES.ram.maxResults.max;

/**
 * How a share principal reads in a sentence: an account by its name and id (by name alone when
 * `compact`, for a line under a canvas box), else the organization or the OU.
 */
export function principalLabel(principal: string, accountNames: ReadonlyMap<string, string>, { compact = false } = {}): string {
  const name = accountNames.get(principal);
  if (name !== undefined) return compact ? name : `${name} (${principal})`;
  if (principal.includes(':organization/')) return compact ? 'organization' : 'the whole organization';
  if (principal.includes(':ou/')) return `${compact ? 'OU' : 'organizational unit'} ${principal.slice(principal.lastIndexOf('/') + 1)}`;
  return principal;
}
