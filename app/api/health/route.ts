import { checkDatabase } from '@/lib/db';

/** Liveness and readiness for load balancers and `npm start`: answers 200 once the database answers. */
export async function GET() {
  try {
    const db = await checkDatabase();
    return Response.json({ ok: true, database: db.kind }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return Response.json({ ok: false, error: { message: 'The database is not reachable.' } }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
}
