import { withRole } from '@/lib/auth';
import { badRequest } from '@/lib/auth/errors';
import { requestsOf } from '@/lib/access-server/requests';

export const dynamic = 'force-dynamic';

/**
 * Recent requests of a service or service network from its access logs:
 * `?resource=<ARN or id>` (required), `denied=1` for denied requests only, `minutes` (1–1440, default 60).
 */
export const GET = withRole('viewer', async (req) => {
  const p = new URL(req.url).searchParams;
  const resource = p.get('resource');
  if (!resource) throw badRequest('Say which service or service network: ?resource=<ARN or id>.', [{ path: 'resource', rule: 'required' }]);
  const minutes = p.has('minutes') ? Number(p.get('minutes')) : 60;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw badRequest('minutes must be a whole number from 1 to 1440.', [{ path: 'minutes', rule: 'integer 1–1440' }]);
  const body = await requestsOf(resource, { now: Date.now(), deniedOnly: p.get('denied') === '1', windowMs: minutes * 60_000 });
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
});
