import 'server-only';
// The Requests view of a service or service network: its access logs read through the SDK,
// each request with the access-analysis question that reproduces it.
import { notFound } from '@/lib/auth/errors';
import { accessRequestOf, readRequests, subscribedLogGroups, type RequestsResponse } from '@/lib/aws';
import { consoleAccessFor } from '@/lib/plan/server';
import { liveTopology } from './index';

export async function requestsOf(resource: string, options: { now: number; deniedOnly?: boolean; windowMs?: number }): Promise<RequestsResponse> {
  const { topology } = await liveTopology({ complete: true });
  const node = topology.nodes.find((n) => (n.kind === 'service' || n.kind === 'serviceNetwork') && (n.id === resource || n.resourceId === resource));
  if (!node) throw notFound(`No service or service network ${resource} in the discovered estate.`);
  const { accessFor } = await consoleAccessFor();
  const view = await readRequests({ topology, resource: node.id, accessFor, now: options.now, windowMs: options.windowMs });
  const rows = view.requests.filter((r) => !options.deniedOnly || r.denied).map((r) => ({ ...r, question: r.denied ? accessRequestOf(r) : null }));
  return { ...view, requests: rows, name: node.name };
}

export type RequestCounts = { total: number; clientErrors: number; serverErrors: number };

/**
 * Request, 4xx and 5xx counts over the window for every service of the live estate whose access
 * logs go to CloudWatch Logs (one batched call, asked by the canvas after it is drawn). A service
 * whose logs cannot be read is left out and named in `unreadable`.
 */
export async function requestCountsOf(options: { now: number; windowMs?: number }): Promise<{ counts: Record<string, RequestCounts>; unreadable: { service: string; message: string }[] }> {
  const { topology } = await liveTopology({ complete: true });
  const { accessFor } = await consoleAccessFor();
  const services = topology.nodes.filter((n) => n.kind === 'service' && !n.external && subscribedLogGroups(topology, n.id).length > 0);
  const counts: Record<string, RequestCounts> = {};
  const unreadable: { service: string; message: string }[] = [];
  await Promise.all(
    services.map(async (s) => {
      try {
        counts[s.id] = (await readRequests({ topology, resource: s.id, accessFor, now: options.now, windowMs: options.windowMs, limit: 0 })).counts;
      } catch (err) {
        unreadable.push({ service: s.id, message: err instanceof Error ? err.message : String(err) });
      }
    }),
  );
  return { counts, unreadable };
}
