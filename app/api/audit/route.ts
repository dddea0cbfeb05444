import { parseInput, withRole } from '@/lib/auth';
import { auditFilterSchema, queryObject } from '@/lib/auth/schemas';
import { listAuditEvents } from '@/lib/db';

/** The audit log, newest first: `?actor=&action=&outcome=&from=&to=&before=&limit=` (times in UTC). */
export const GET = withRole('admin', async (req) => {
  const filter = parseInput(auditFilterSchema, queryObject(req.nextUrl.searchParams));
  const { events, nextBeforeId } = await listAuditEvents({ ...filter, beforeId: filter.before });
  return Response.json({
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    next: nextBeforeId,
  });
});
