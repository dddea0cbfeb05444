import { withRole } from '@/lib/auth';
import { requestCountsOf } from '@/lib/access-server/requests';

export const dynamic = 'force-dynamic';

/** Requests, 4xx and 5xx in the last hour per service whose access logs go to CloudWatch Logs: `{ counts: { <service ARN>: {...} }, unreadable }`. */
export const GET = withRole('viewer', async () => {
  const body = await requestCountsOf({ now: Date.now(), windowMs: 60 * 60_000 });
  return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
});
