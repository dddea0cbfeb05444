import 'server-only';
// The Requests view of a service or service network: its access logs read through the SDK,
// each request with the access-analysis question that reproduces it.
import { notFound } from '@/lib/auth/errors';
import { accessRequestOf, readRequests, type RequestsResponse } from '@/lib/aws';
import { consoleAccessFor } from '@/lib/plan/server';
import { liveTopology } from './index';

export async function requestsOf(resource: string, options: { now: number; deniedOnly?: boolean; windowMs?: number }): Promise<RequestsResponse> {
  const { topology } = await liveTopology();
  const node = topology.nodes.find((n) => (n.kind === 'service' || n.kind === 'serviceNetwork') && (n.id === resource || n.resourceId === resource));
  if (!node) throw notFound(`No service or service network ${resource} in the discovered estate.`);
  const { accessFor } = await consoleAccessFor();
  const view = await readRequests({ topology, resource: node.id, accessFor, now: options.now, windowMs: options.windowMs });
  const rows = view.requests.filter((r) => !options.deniedOnly || r.denied).map((r) => ({ ...r, question: r.denied ? accessRequestOf(r) : null }));
  return { ...view, requests: rows, name: node.name };
}
