// What the Lattice operations share: the error dialect, views of records as the API shows
// them, resolving any of the policy-bearing resources, and common checks.
import { conflict, restJsonAuthErrors, throttled, internalError, validationError, validationFromIssues, notFound } from '../../protocols/errors';
import type { StoredRecord } from '../../store/index';
import { type ResourceKind, type ResolveOptions, deleteRecord, isArn, isLive, parseArn, resolve, statusOf } from '../resources';
import type { ErrorDialect, OperationContext } from '../types';
import { findVpc } from '../ec2/inventory';
import {
  LATTICE_KINDS, resourceConfigurationKind, serviceKind, serviceNetworkKind,
} from './kinds';

export const latticeErrors: ErrorDialect = {
  validation: validationFromIssues,
  cannotParse: (message) => validationError(message, undefined, 'cannotParse'),
  unknownOperation: (what) => validationError(`Unknown operation ${what}`, undefined, 'unknownOperation'),
  throttling: () => throttled('vpc-lattice'),
  internal: internalError,
  ...restJsonAuthErrors,
};

/** A ValidationException naming one field and the rule it breaks. */
export function invalidField(name: string, message: string): never {
  throw validationError(`Invalid value for ${name}: ${message}`, [{ name, message }]);
}

/** The record as the API shows it: stored members plus the derived status. */
export function view(ctx: OperationContext, kind: ResourceKind, record: StoredRecord): Record<string, unknown> {
  if (!kind.lifecycle) return record;
  // The derived members lead and are assigned after the spread: members appended after a spread
  // give every copy a hidden class of its own (V8), which costs 3× the memory and makes every
  // later read of a view megamorphic. Same members, same values.
  const shown: Record<string, unknown> = { status: undefined, failureCode: undefined, failureMessage: undefined, ...record };
  shown.status = statusOf(record, ctx.now);
  return shown;
}

/** ConflictException when the record is being deleted. */
export function requireNotDeleting(ctx: OperationContext, kind: ResourceKind, record: StoredRecord, action: string): void {
  if (kind.lifecycle && statusOf(record, ctx.now) === 'DELETE_IN_PROGRESS') {
    throw conflict(record.id as string, kind.resourceType, `Cannot ${action}: ${kind.label.toLowerCase()} ${record.id} is being deleted.`);
  }
}

/**
 * ConflictException unless the record is ACTIVE, in AWS's words: "Invalid resource status for
 * this operation, resource id tg-…, status: CREATE_IN_PROGRESS." (observed from the Kubernetes
 * Gateway API controller for VPC Lattice while its target groups were being created, and the
 * text that controller's users retry on; aws/aws-application-networking-k8s). The same sentence
 * for the other statuses (DELETE_IN_PROGRESS, *_FAILED) is a guess.
 */
export function requireActive(ctx: OperationContext, kind: ResourceKind, record: StoredRecord): void {
  if (!kind.lifecycle) return;
  const status = statusOf(record, ctx.now);
  if (status === 'ACTIVE' || status === 'UPDATE_IN_PROGRESS') return;
  throw conflict(record.id as string, kind.resourceType, `Invalid resource status for this operation, resource id ${record.id}, status: ${status}.`);
}

/**
 * The word AWS's conflict texts name a kind by: `ServiceNetwork sn-… has VPC(s) associated.`
 * (DeleteServiceNetwork, gruntwork-io/cloud-nuke#1158 and #1159).
 */
const CONFLICT_NOUN: Record<string, string> = { SERVICE_NETWORK: 'ServiceNetwork', SERVICE: 'Service', RESOURCE_GATEWAY: 'ResourceGateway', RESOURCE_CONFIGURATION: 'ResourceConfiguration' };

/**
 * ConflictException listing what still uses the record, when anything live does:
 * "ServiceNetwork sn-0c5fec7b6efad7713 has resource(s) associated." (cloud-nuke#1159; "has
 * VPC(s) associated" in #1158). The other kinds' and uses' wording follows the same pattern,
 * unobserved.
 */
export function requireUnused(ctx: OperationContext, kind: ResourceKind, record: StoredRecord, users: readonly StoredRecord[], what: string): void {
  if (users.some((u) => isLive(u, ctx.now))) {
    throw conflict(record.id as string, kind.resourceType, `${CONFLICT_NOUN[kind.resourceType] ?? kind.label} ${record.id} has ${what} associated.`);
  }
}

/** The kinds that carry auth and resource policies and access logs, told apart by id prefix or ARN. */
const POLICY_KINDS = [serviceNetworkKind, serviceKind, resourceConfigurationKind];

/** `service/svc-…/listener/listener-…` → `service/listener`: the type path of an ARN's resource. */
function typePath(resource: string): string {
  return resource
    .split('/')
    .filter((_, i) => i % 2 === 0)
    .join('/');
}

const SAMPLE_PARENT = { id: 'parent', serviceId: 'service' } as unknown as StoredRecord;

export function kindOfIdentifier(identifier: string, kinds: ResourceKind[] = POLICY_KINDS): ResourceKind | undefined {
  if (isArn(identifier)) {
    const path = typePath(parseArn(identifier)?.resource ?? '');
    return kinds.find((k) => typePath(k.arnResource('id', SAMPLE_PARENT)) === path);
  }
  const prefix = identifier.slice(0, identifier.lastIndexOf('-'));
  return kinds.find((k) => k.idPrefix === prefix);
}

/** A service network, service or resource configuration named by id or ARN. */
export function resolvePolicyTarget(ctx: OperationContext, identifier: string, options: ResolveOptions = {}): { kind: ResourceKind; record: StoredRecord } {
  const kind = kindOfIdentifier(identifier);
  if (!kind) throw notFound(identifier, 'RESOURCE');
  return { kind, record: resolve(ctx, kind, identifier, options) };
}

/** Any Lattice resource by ARN (for tags). */
export function resolveAnyByArn(ctx: OperationContext, arn: string, options: ResolveOptions = {}): { kind: ResourceKind; record: StoredRecord } {
  const kind = kindOfIdentifier(arn, LATTICE_KINDS);
  if (!kind) throw notFound(arn, 'RESOURCE');
  return { kind, record: resolve(ctx, kind, arn, options) };
}

/** The caller's VPC, or ResourceNotFoundException naming it. */
export function requireVpc(ctx: OperationContext, vpcId: string): StoredRecord {
  const vpc = findVpc(ctx.store, ctx.account, ctx.region, vpcId);
  if (!vpc) throw notFound(vpcId, 'VPC', `VPC ${vpcId} not found in account ${ctx.account}`);
  return vpc;
}

/** Deletes children that go with their parent (listeners with a service, rules with a listener). */
export function cascade(ctx: OperationContext, kind: ResourceKind, records: readonly StoredRecord[]): void {
  for (const record of [...records]) if (isLive(record, ctx.now)) deleteRecord(ctx, kind, record);
}

export const tagsOf = (record: StoredRecord) => (record.tags as Record<string, string> | undefined) ?? {};
