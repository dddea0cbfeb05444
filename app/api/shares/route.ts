import { withRole } from '@/lib/auth';
import { loadSharing } from '@/lib/sharing/server';

export const dynamic = 'force-dynamic';

/** RAM shares owned and received across the configured accounts, and the invitations, read live. */
export const GET = withRole('viewer', async () => {
  const { overview } = await loadSharing();
  return Response.json(overview, { headers: { 'Cache-Control': 'no-store' } });
});
