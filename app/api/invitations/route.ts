import { withRole } from '@/lib/auth';
import { loadSharing } from '@/lib/sharing/server';

export const dynamic = 'force-dynamic';

/** Invitations addressed to the configured accounts, pending first, each pending one with its contents. */
export const GET = withRole('viewer', async () => {
  const { overview } = await loadSharing();
  return Response.json({ invitations: overview.invitations, errors: overview.errors, readAt: overview.readAt }, { headers: { 'Cache-Control': 'no-store' } });
});
