// Background work as jobs: applies, the sweep that resumes an apply whose instance died, and
// refreshes of the estate. On PostgreSQL the jobs live in the server (pg-boss) and any console
// instance runs them; on the embedded database they run in the one process. See README.md.
export { JOB_POLICIES, type JobData, type JobHandler, type JobInfo, type JobName, type JobPolicy, type JobQueue, type SendOptions } from './queue';
export { createInProcessQueue } from './in-process';
export { jobQueue, stopJobQueue } from './process';
// The handlers (lib/plan, lib/estate) are registered by ./workers, imported apart: they depend on this queue.
