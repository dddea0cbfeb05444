// Next.js calls register() once when a server starts, before it answers any request: the
// console's configuration is checked, the database migrated and, in demo mode only, the demo
// users created. A bad configuration stops the server with every problem named. Then the job
// workers start (lib/jobs: applies, the sweep that resumes an apply whose instance died, the
// scheduled refresh), and any apply that a crashed or restarted console left half-done is
// resumed (its journal and client tokens make that safe), in the background.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // Before any request: stamp each with its connection's address (lib/auth/client-address.ts).
  const { installPeerAddressStamp } = await import('@/lib/auth/client-address');
  await installPeerAddressStamp();
  const { startConsole } = await import('@/lib/auth/startup');
  await startConsole();
  const { startJobWorkers } = await import('@/lib/jobs/workers');
  await startJobWorkers();
  const [{ resumeInterruptedApplies }, { getConfig }] = await Promise.all([import('@/lib/plan/server'), import('@/lib/config')]);
  resumeInterruptedApplies({ requireApproval: getConfig().requireApproval }).then(
    (resumed) => resumed.length && console.log(`trellis: resumed ${resumed.length} interrupted apply(s): ${resumed.join(', ')}`),
    (err) => console.error(`trellis: could not look for interrupted applies: ${(err as Error).message}`),
  );
}
