// The Resource Groups Tagging API (JSON 1.1, per account and Region): GetResources,
// GetTagKeys and GetTagValues over the tags lattice-local keeps on VPC Lattice resources and
// CloudWatch Logs log groups. Discovery reads every tag of an account with a few pages of
// GetResources instead of one ListTagsForResource per resource.
import { describeIssues } from '@/lib/models';
import { loadModel } from '@/lib/models/loader';
import { ServiceError, restJsonAuthErrors } from '../../protocols/errors';
import type { StoredRecord } from '../../store/index';
import { LATTICE_KINDS } from '../lattice/kinds';
import { LOG_GROUP_KIND } from '../logs/index';
import { isLive } from '../resources';
import type { ErrorDialect, Handler, OperationContext, ServiceDefinition } from '../types';
import { identityAllows } from './permissions';

const taggingError = (code: string, message: string, status = 400) => new ServiceError(code, message, status);
const invalidParameter = (message: string) => taggingError('InvalidParameterException', message);

export const taggingErrors: ErrorDialect = {
  validation: (issues) => invalidParameter(describeIssues(issues)),
  cannotParse: (message) => taggingError('SerializationException', message),
  unknownOperation: (what) => taggingError('UnknownOperationException', `Unknown operation ${what}`),
  throttling: () => new ServiceError('ThrottledException', 'Rate exceeded', 400, {}, 1),
  internal: () => new ServiceError('InternalServiceException', 'The request processing failed because of an unknown error, exception, or failure.', 500, {}, 1),
  ...restJsonAuthErrors,
};

/** ARN services whose tags this API reads here, and the resource types each has. */
const SERVED: Record<string, { kinds: string[]; types: Set<string> }> = {
  'vpc-lattice': { kinds: LATTICE_KINDS.map((k) => k.kind), types: new Set() },
  logs: { kinds: [LOG_GROUP_KIND], types: new Set(['log-group']) },
};
/** Services AWS tags whose resources lattice-local keeps no tags of here: a filter on them matches nothing. */
const KNOWN_ELSEWHERE = new Set(['ec2', 'ram', 'iam', 'lambda', 'sts']);

/**
 * A resource's type as its ARN spells it: the resource part's type segments, so
 * `service/svc-…` is `service` and `service/svc-…/listener/listener-…` is `service/listener`.
 * Logs ARNs (`log-group:name`) use a colon.
 */
function typeOfArn(arn: string): { service: string; type: string } {
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  if (service === 'logs') return { service, type: resource.split(':')[0] ?? '' };
  const segments = resource.split('/');
  return { service, type: segments.filter((_, i) => i % 2 === 0).join('/') };
}

// The Lattice types, read off each kind's ARN form (a parent stands in for nested kinds).
for (const kind of LATTICE_KINDS) {
  const parent = { id: 'p-0', serviceId: 's-0' } as unknown as StoredRecord;
  SERVED['vpc-lattice'].types.add(typeOfArn(`arn:aws:vpc-lattice:us-east-1:111122223333:${kind.arnResource('x-0', parent)}`).type);
}

interface TypeFilter {
  service: string;
  type?: string;
}

function parseTypeFilters(filters: readonly string[] | undefined): TypeFilter[] | undefined {
  if (!filters || filters.length === 0) return undefined;
  if (filters.length > 100) throw invalidParameter('ResourceTypeFilters can include up to 100 items.');
  return filters.map((filter) => {
    const colon = filter.indexOf(':');
    const service = colon < 0 ? filter : filter.slice(0, colon);
    const type = colon < 0 ? undefined : filter.slice(colon + 1);
    const served = SERVED[service];
    if (!served && !KNOWN_ELSEWHERE.has(service)) throw invalidParameter(`Unsupported service=${service}`);
    if (served && type !== undefined && !served.types.has(type)) throw invalidParameter(`Unsupported resource type=${filter}`);
    return type === undefined ? { service } : { service, type };
  });
}

type Tags = Record<string, string>;

interface TagFilter {
  Key?: string;
  Values?: string[];
}

function checkTagFilters(filters: readonly TagFilter[] | undefined): void {
  for (const f of filters ?? []) if (f.Key === undefined) throw invalidParameter('A TagFilter must contain a Key.');
}

/** Every filter must hold; within one, any of its values (none listed: any value, or none). */
function matchesTags(tags: Tags, filters: readonly TagFilter[] | undefined): boolean {
  for (const f of filters ?? []) {
    if (!(f.Key! in tags)) return false;
    if (f.Values && f.Values.length > 0 && !f.Values.includes(tags[f.Key!]!)) return false;
  }
  return true;
}

/** The caller's tagged resources in this Region, in creation order. */
function taggedResources(ctx: OperationContext, types: TypeFilter[] | undefined): { arn: string; tags: Tags }[] {
  const out: { arn: string; tags: Tags }[] = [];
  for (const [service, served] of Object.entries(SERVED)) {
    if (types && !types.some((t) => t.service === service)) continue;
    for (const kind of served.kinds) {
      for (const record of ctx.store.byIndex(kind, 'scope', ctx.scope)) {
        const tags = record.tags as Tags | undefined;
        if (!tags || Object.keys(tags).length === 0) continue;
        if (service === 'vpc-lattice' && !isLive(record, ctx.now)) continue;
        if (types && !types.some((t) => t.service === service && (t.type === undefined || t.type === typeOfArn(record.key).type))) continue;
        out.push({ arn: record.key, tags });
      }
    }
  }
  return out;
}

function requireGetPermission(ctx: OperationContext): void {
  const action = `tag:${ctx.operation}`;
  if (!identityAllows(ctx.store, ctx.caller, action)) {
    throw taggingError('AccessDeniedException', `User: ${ctx.caller.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`);
  }
}

/** Pagination tokens are opaque: the offset of the next item, base64. */
function startOf(token: unknown): number {
  if (token === undefined || token === '') return 0;
  const decoded = /^offset:(\d+)$/.exec(Buffer.from(String(token), 'base64').toString('utf8'));
  if (!decoded) throw invalidParameter('The specified pagination token is not valid.');
  return Number(decoded[1]);
}
const tokenFor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');

const tagList = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

const getResources: Handler = (ctx) => {
  requireGetPermission(ctx);
  const input = ctx.input as { PaginationToken?: string; TagFilters?: TagFilter[]; ResourcesPerPage?: number; TagsPerPage?: number; ResourceTypeFilters?: string[]; IncludeComplianceDetails?: boolean; ExcludeCompliantResources?: boolean; ResourceARNList?: string[] };
  if (input.ResourceARNList) {
    if (input.ResourceTypeFilters?.length) throw invalidParameter("You can't specify both ResourceARNList and ResourceTypeFilters in the same request.");
    if (input.TagFilters?.length) throw invalidParameter("You can't specify both ResourceARNList and TagFilters in the same request.");
    if (input.ResourcesPerPage !== undefined || input.TagsPerPage !== undefined || input.PaginationToken) throw invalidParameter("You can't specify both ResourceARNList and pagination parameters in the same request.");
  }
  if (input.ResourcesPerPage !== undefined && (input.ResourcesPerPage < 1 || input.ResourcesPerPage > 100)) throw invalidParameter('ResourcesPerPage must be between 1 and 100.');
  if (input.TagsPerPage !== undefined && (input.TagsPerPage < 100 || input.TagsPerPage > 500)) throw invalidParameter('TagsPerPage must be between 100 and 500.');
  if (input.ExcludeCompliantResources && !input.IncludeComplianceDetails) throw invalidParameter('ExcludeCompliantResources can be used only when IncludeComplianceDetails is true.');
  checkTagFilters(input.TagFilters);
  const types = parseTypeFilters(input.ResourceTypeFilters);
  let resources = taggedResources(ctx, types).filter((r) => matchesTags(r.tags, input.TagFilters));
  if (input.ResourceARNList) {
    const wanted = new Set(input.ResourceARNList);
    resources = resources.filter((r) => wanted.has(r.arn));
  }
  // Without tag policies every resource is compliant, so excluding compliant ones leaves none.
  if (input.ExcludeCompliantResources) resources = [];
  const start = startOf(input.PaginationToken);
  const perPage = input.ResourcesPerPage ?? 100;
  let end = start;
  let tagCount = 0;
  while (end < resources.length && end - start < perPage) {
    // A resource with no tags counts as one; a resource is never split across pages.
    const n = Math.max(1, Object.keys(resources[end]!.tags).length);
    if (input.TagsPerPage !== undefined && end > start && tagCount + n > input.TagsPerPage) break;
    tagCount += n;
    end++;
  }
  const page = resources.slice(start, end).map((r) => ({
    ResourceARN: r.arn,
    Tags: tagList(r.tags),
    ...(input.IncludeComplianceDetails ? { ComplianceDetails: { NoncompliantKeys: [], KeysWithNoncompliantValues: [], ComplianceStatus: true } } : {}),
  }));
  return { ResourceTagMappingList: page, PaginationToken: end < resources.length ? tokenFor(end) : '' };
};

/** Distinct strings, sorted, one page of them (these calls have no page-size parameter; AWS's page is of this order). */
function distinctPage(values: Iterable<string>, token: unknown): { items: string[]; PaginationToken: string } {
  const all = [...new Set(values)].sort();
  const start = startOf(token);
  const size = 500;
  return { items: all.slice(start, start + size), PaginationToken: start + size < all.length ? tokenFor(start + size) : '' };
}

const getTagKeys: Handler = (ctx) => {
  requireGetPermission(ctx);
  const page = distinctPage(taggedResources(ctx, undefined).flatMap((r) => Object.keys(r.tags)), ctx.input.PaginationToken);
  return { TagKeys: page.items, PaginationToken: page.PaginationToken };
};

const getTagValues: Handler = (ctx) => {
  requireGetPermission(ctx);
  const key = ctx.input.Key as string;
  const values = taggedResources(ctx, undefined).flatMap((r) => (key in r.tags ? [r.tags[key]!] : []));
  const page = distinctPage(values, ctx.input.PaginationToken);
  return { TagValues: page.items, PaginationToken: page.PaginationToken };
};

export const taggingService: ServiceDefinition = {
  name: 'tagging',
  signingName: 'tagging',
  protocol: 'json',
  model: loadModel('resourcegroupstaggingapi'),
  handlers: { GetResources: getResources, GetTagKeys: getTagKeys, GetTagValues: getTagValues },
  errors: taggingErrors,
};
