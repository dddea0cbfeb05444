import 'server-only';
// What the console does once at start-up, before it serves a request: validate the
// configuration, open and migrate the database, tidy old sessions, and in demo mode make
// sure the demo users exist.
import { getConfig } from '@/lib/config';
import { deleteSessionsEndedBefore, deleteSignInFailuresBefore, EXCLUSIVE_SECTIONS, getDatabase, pruneTopologySnapshots, SNAPSHOTS_KEPT_DAYS } from '@/lib/db';
import { DEMO_PASSWORD, ensureDemoUsers } from './demo';
import { THROTTLE } from './throttle';

export async function prepareConsole(): Promise<void> {
  const config = getConfig();
  // next-auth reads these from the environment itself; make it agree with the validated config.
  process.env.NEXTAUTH_URL ??= config.publicUrl;
  process.env.NEXTAUTH_SECRET ??= config.secret;

  const database = await getDatabase();
  const now = Date.now();
  await deleteSessionsEndedBefore(new Date(now - 7 * 86_400_000), database.db);
  await deleteSignInFailuresBefore(new Date(now - THROTTLE.forgetAfterSeconds * 1000), database.db);
  await pruneTopologySnapshots({ olderThan: new Date(now - SNAPSHOTS_KEPT_DAYS * 86_400_000) }, database.db);
  console.log(`trellis: database ready (${database.kind}, ${database.location})`);

  if (config.demo) {
    // Instances starting together on one database would race to insert the same users.
    const created = await database.exclusive(EXCLUSIVE_SECTIONS.demoUsers, () => ensureDemoUsers(database.db));
    if (created.length) console.log(`trellis: demo mode: created users ${created.join(', ')} (password "${DEMO_PASSWORD}")`);
  }
}

/** prepareConsole for the server's start-up hook: a failure stops the server with its reasons. */
export async function startConsole(): Promise<void> {
  try {
    await prepareConsole();
  } catch (err) {
    console.error(`trellis: cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
