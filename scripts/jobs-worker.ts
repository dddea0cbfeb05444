// A console instance's job worker without its web server: opens the database the console uses
// (DATABASE_URL), starts the same job workers instrumentation.ts starts, and runs until stopped.
// For spreading applies and refreshes over more processes, and for tests that kill an instance.
//   npx tsx --conditions=react-server scripts/jobs-worker.ts
import { getDb } from '@/lib/db';
import { stopJobQueue } from '@/lib/jobs';
import { startJobWorkers } from '@/lib/jobs/workers';

async function main() {
  await getDb();
  const queue = await startJobWorkers();
  console.log(`trellis: job worker ${process.pid} ready (${queue.kind})`);
  const stop = () => {
    stopJobQueue().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`trellis: job worker: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
