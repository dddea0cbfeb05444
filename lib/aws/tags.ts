// Tags of an account's Lattice resources from the Resource Groups Tagging API: a page of
// GetResources carries up to 100 resources with their tags, where ListTagsForResource costs
// one call per resource. GetResources answers only for resources that have (or had) tags, so
// a resource it leaves out has none.
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { allPages, call, type CallContext } from './calls';

/** The Lattice types discovery reads tags of (the kinds readLatticeDetails would tag one by one). */
export const LATTICE_TAGGED_TYPES = ['vpc-lattice:servicenetwork', 'vpc-lattice:service', 'vpc-lattice:targetgroup', 'vpc-lattice:resourcegateway', 'vpc-lattice:resourceconfiguration'];

/** GetResources accepts at most 100 resources per page. */
export const TAGGING_PAGE = 100;

/** Every tagged Lattice resource of the account in this Region, by ARN. Throws what GetResources throws. */
export async function readLatticeTags(ctx: CallContext, client: ResourceGroupsTaggingAPIClient): Promise<Map<string, Record<string, string>>> {
  const mappings = await allPages(async (token) => {
    const o = await call(ctx, 'GetResources', () => client.send(new GetResourcesCommand({ ResourceTypeFilters: LATTICE_TAGGED_TYPES, ResourcesPerPage: TAGGING_PAGE, PaginationToken: token })));
    return { items: o.ResourceTagMappingList, next: o.PaginationToken };
  });
  const tags = new Map<string, Record<string, string>>();
  for (const m of mappings) {
    if (!m.ResourceARN) continue;
    const set: Record<string, string> = {};
    for (const t of m.Tags ?? []) if (t.Key !== undefined) set[t.Key] = t.Value ?? '';
    tags.set(m.ResourceARN, set);
  }
  return tags;
}
