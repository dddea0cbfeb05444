import { withRole } from '@/lib/auth';
import { listPlans } from '@/lib/plan/server';

export const dynamic = 'force-dynamic';

export const GET = withRole('viewer', async (req) => {
  const designId = new URL(req.url).searchParams.get('design') ?? undefined;
  const plans = await listPlans(designId ? { designId } : {});
  return Response.json({ plans }, { headers: { 'Cache-Control': 'no-store' } });
});
