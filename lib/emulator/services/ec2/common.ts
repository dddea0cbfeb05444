// What the EC2 handlers share: EC2's error form, DryRun, filters as EC2 matches them, and
// Describe* over the caller's records with ids, filters and paging.
import type { StoredRecord } from '../../store/index';
import { isGone, listPage, statusOf } from '../resources';
import { ServiceError } from '../../protocols/errors';
import type { OperationContext } from '../types';
import { ensureDefaultVpc } from './inventory';

export const ec2Error = (code: string, message: string, status = 400) => new ServiceError(code, message, status);

export type Filter = { Name?: string; Values?: string[] };
export type FilterFields = Record<string, (r: StoredRecord) => unknown>;

export function tagValues(record: StoredRecord, key?: string): string[] {
  const tags = (record.Tags as { Key: string; Value: string }[] | undefined) ?? [];
  return key === undefined ? tags.map((t) => t.Key) : tags.filter((t) => t.Key === key).map((t) => t.Value);
}

/** An EC2 filter value: `*` any run, `?` one character, a backslash escapes either; case-sensitive. */
function wildcard(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '?' || pattern[i + 1] === '\\')) source += `\\${pattern[++i]}`;
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** EC2 filters: every filter must match; within one, any value (with `*` and `?` wildcards). */
export function filterPredicate(filters: Filter[] | undefined, fields: FilterFields): (r: StoredRecord) => boolean {
  if (!filters?.length) return () => true;
  const checks = filters.map((filter) => {
    const name = filter.Name ?? '';
    let read: (r: StoredRecord) => string[];
    if (name.startsWith('tag:')) read = (r) => tagValues(r, name.slice(4));
    else if (name === 'tag-key') read = (r) => tagValues(r);
    else if (fields[name]) {
      const field = fields[name]!;
      read = (r) => {
        const v = field(r);
        return (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined).map(String);
      };
    } else throw ec2Error('InvalidParameterValue', `The filter '${name}' is invalid`);
    const patterns = (filter.Values ?? []).map(wildcard);
    return (r: StoredRecord) => read(r).some((value) => patterns.some((p) => p.test(value)));
  });
  return (r) => checks.every((check) => check(r));
}

export function dryRun(ctx: OperationContext): void {
  if (ctx.input.DryRun) throw ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
}

export function describe(
  ctx: OperationContext,
  kind: string,
  ids: string[] | undefined,
  notFoundCode: string,
  label: string,
  fields: FilterFields,
  source?: StoredRecord[],
): { items: StoredRecord[]; nextToken?: string } {
  dryRun(ctx);
  ensureDefaultVpc(ctx.store, ctx.account, ctx.region);
  const own = source ?? ctx.store.byIndex(kind, 'scope', ctx.scope);
  if (ids?.length) {
    const found = ids.map((id) => own.find((r) => r.id === id && !isGone(r, ctx.now)));
    const missing = ids.filter((_, i) => !found[i]);
    if (missing.length) {
      throw ec2Error(notFoundCode, `The ${label} ID${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist`);
    }
  }
  const keep = filterPredicate(ctx.input.Filters as Filter[] | undefined, fields);
  const idSet = ids?.length ? new Set(ids) : undefined;
  return listPage(ctx, {
    sources: [own],
    filter: (r) => (!idSet || idSet.has(r.id as string)) && keep(r),
    // Without MaxResults, EC2 describes everything in one answer.
    maxResults: (ctx.input.MaxResults as number | undefined) ?? Number.MAX_SAFE_INTEGER,
    nextToken: ctx.input.NextToken as string | undefined,
    invalidToken: () => ec2Error('InvalidParameterValue', 'The token provided is invalid'),
  });
}


/**
 * The tags of an operation's TagSpecifications. A specification for another resource type is
 * refused, as EC2 refuses it.
 */
export function tagsFor(ctx: OperationContext, resourceType: string): { Key: string; Value: string }[] {
  const specs = (ctx.input.TagSpecifications as { ResourceType?: string; Tags?: { Key?: string; Value?: string }[] }[] | undefined) ?? [];
  const tags: { Key: string; Value: string }[] = [];
  for (const spec of specs) {
    if (spec.ResourceType !== undefined && spec.ResourceType !== resourceType) {
      throw ec2Error('InvalidParameterValue', `'${spec.ResourceType}' is not a valid taggable resource type for this operation.`);
    }
    for (const tag of spec.Tags ?? []) tags.push({ Key: tag.Key ?? '', Value: tag.Value ?? '' });
  }
  return tags;
}

/** An IPv4 CIDR block as numbers, or undefined when it is not one. */
export function parseCidr(cidr: string): { base: number; bits: number; size: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const base = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const size = 2 ** (32 - bits);
  // EC2 takes the network address; host bits set make it another block.
  if (base % size !== 0) return undefined;
  return { base, bits, size };
}

export const cidrContains = (outer: { base: number; size: number }, inner: { base: number; size: number }) =>
  inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;

export const cidrOverlaps = (a: { base: number; size: number }, b: { base: number; size: number }) =>
  a.base < b.base + b.size && b.base < a.base + a.size;

/**
 * The state EC2 reports for an endpoint, in EC2's lowercase wire spelling (`pending`,
 * `available`, `deleting`, `pendingAcceptance`…), not the capitalised enum the model declares:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpce-interface.html#vpce-interface-lifecycle,
 * and Terraform's waiters (hashicorp/terraform-provider-aws internal/service/ec2/consts.go,
 * `vpcEndpointStateAvailable = "available"`). A stored `State` (a seed's `pendingAcceptance`,
 * `rejected`…) wins over the lifecycle clock.
 */
export function endpointState(record: StoredRecord, now: number): VpcEndpointState {
  const status = statusOf(record, now);
  if (status === 'DELETE_IN_PROGRESS') return 'deleting';
  if (record.State) return record.State as VpcEndpointState;
  if (status === 'CREATE_IN_PROGRESS') return 'pending';
  if (status.endsWith('_FAILED')) return 'failed';
  return 'available';
}

export type VpcEndpointState = 'pendingAcceptance' | 'pending' | 'available' | 'deleting' | 'deleted' | 'rejected' | 'failed' | 'expired' | 'partial';

