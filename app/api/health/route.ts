import { checkDatabase } from '@/lib/db';

/**
 * Liveness and readiness for load balancers and `npm start`: answers 200 once the database
 * answers, 503 until then (an unreachable database is this route's answer, not an error).
 */
export async function GET() {
  const db = await checkDatabase().catch(() => null);
  if (!db) return Response.json({ ok: false, error: { message: 'The database is not reachable.' } }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  return Response.json({ ok: true, database: db.kind }, { headers: { 'Cache-Control': 'no-store' } });
}
