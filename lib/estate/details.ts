import 'server-only';
// A resource's details as the details panel asks for them when a user opens it: read live
// from its owner (what a first view leaves out), for resources of the discovered estate only.
import { accessOf, readResourceDetails, type ResourceDetails } from '@/lib/aws';
import { DomainError } from '@/lib/errors';
import type { Topology } from '@/lib/topology';
import { loadAccounts } from './accounts';
import { currentSnapshot } from './refresh';

export async function resourceDetailsOf(id: string): Promise<ResourceDetails> {
  const [row, view] = await Promise.all([currentSnapshot(), loadAccounts()]);
  const node = (row.topology as Topology).nodes.find((n) => n.id === id);
  if (!node) throw new DomainError(404, `No resource ${id} in the discovered estate; refresh the topology if it was created since.`, { fields: [{ path: 'arn', rule: 'the id of a resource in the newest snapshot' }] });
  const account = view.accounts.find((a) => a.id === node.account && a.enabled);
  if (node.external || !account) throw new DomainError(404, `${node.name} belongs to account ${node.account || '(unknown)'}, which Trellis does not read; its details cannot be read.`);
  return readResourceDetails(accessOf(account), node);
}
