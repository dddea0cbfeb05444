import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { badRequest, notFound, parseInput, withUser } from '@/lib/auth';
import { currentSnapshot } from '@/lib/estate/server';
import { costChange, priceDesign, RATES } from '@/lib/cost';
import { getDesign } from '@/lib/plan/designs';
import { getPlanView } from '@/lib/plan/server';
import type { Topology } from '@/lib/topology';

export const dynamic = 'force-dynamic';

const trafficSchema = z.record(
  z.string().max(2048),
  z.object({ requestsPerSecond: z.number().min(0, 'requests per second of 0 or more').max(10_000_000).optional(), gbPerDay: z.number().min(0, 'GB per day of 0 or more').max(10_000_000).optional() }),
);

/**
 * `GET /api/cost?scope=plan:<id>|design:<id>[&traffic=<JSON per record id>]`: what the design would cost
 * per month, and for a plan the change it makes (`+ $36.50/month: two services join retail-services`).
 */
export const GET = withUser(async (req: NextRequest) => {
  const scope = req.nextUrl.searchParams.get('scope') ?? '';
  const m = /^(plan|design):([0-9a-f-]{36})$/i.exec(scope);
  if (!m) throw badRequest('Invalid input: scope: plan:<plan id> or design:<design id>', [{ path: 'scope', rule: 'plan:<plan id> or design:<design id>' }]);
  let traffic: z.infer<typeof trafficSchema> = {};
  const raw = req.nextUrl.searchParams.get('traffic');
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw badRequest('Invalid input: traffic: a JSON object of { requestsPerSecond, gbPerDay } per record id', [{ path: 'traffic', rule: 'a JSON object of { requestsPerSecond, gbPerDay } per record id' }]);
    }
    traffic = parseInput(trafficSchema, parsed);
  }
  let designId = m[2].toLowerCase();
  if (m[1] === 'plan') {
    const view = await getPlanView(designId);
    if (!view.plan.designId) throw notFound(`Plan ${designId} has no design any more.`);
    designId = view.plan.designId;
  }
  const [design, snapshot] = await Promise.all([getDesign(designId), currentSnapshot()]);
  const live = snapshot.topology as Topology;
  const estimate = priceDesign(design.document, live, { traffic });
  const change = costChange(live, design.document, { traffic });
  return Response.json({ change, estimate, rates: { version: RATES.version, source: RATES.source, readOn: RATES.readOn } }, { headers: { 'Cache-Control': 'no-store' } });
});
