/**
 * Runs once when a Next.js server starts. Every web process runs background operations (bulk actions by query):
 * starting the runner here means an operation left behind by a stopped or crashed process is resumed as soon as
 * a server is up, not when someone next opens the dashboard.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startOperationRunners } = await import('./lib/operations');
  startOperationRunners().catch((error: unknown) => console.error('[lookout] could not start the operation runners:', error));
}
