// Next.js calls register() once when a server starts, before it answers any request: the
// console's configuration is checked, the database migrated and, in demo mode only, the demo
// users created. A bad configuration stops the server with every problem named.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startConsole } = await import('@/lib/auth/startup');
  await startConsole();
}
