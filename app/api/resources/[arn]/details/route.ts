import { z } from 'zod';
import { parseInput, withRole } from '@/lib/auth';
import { resourceDetailsOf } from '@/lib/estate/server';

export const dynamic = 'force-dynamic';

/** Details of one discovered resource read live when it is opened (its access-log subscriptions): `arn` URL-encoded. */
export const GET = withRole<{ arn: string }>('viewer', async (_req, { params }) => {
  const id = parseInput(z.string().min(1, 'a resource ARN').max(2048, 'at most 2,048 characters'), decoded(params.arn));
  return Response.json(await resourceDetailsOf(id), { headers: { 'Cache-Control': 'no-store' } });
});

/** The segment as sent: ARNs hold `/` and `:`, so clients encode them; a malformed escape is kept as it came. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
