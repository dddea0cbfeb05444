// lib/plan: diff a design against the live estate into a Plan (an ordered DAG of operations
// with a fingerprint of the live state), and apply it safely. The pure parts are here; the
// console's wiring (database, SDK, audit) is in ./server and ./runtime.
export * from './types';
export { planDiff, summarize, labelOfRecord, type PlanOptions } from './diff';
export { PlanError } from './errors';
export { orderOperations, waves } from './order';
export { fingerprintOf, fingerprintChanges, fingerprintKeys, indexLive, jsonFieldDiff, type FingerprintChange, type FieldMove, type LiveIndex } from './fingerprint';
export { clientTokenFor } from './token';
export {
  applyPlan,
  resolveInput,
  statesFromJournal,
  foldJournalEntry,
  countStates,
  LockHeldError,
  type ApplyPlan,
  type ApplyPorts,
  type ApplyOptions,
  type ApplyResult,
  type ApplyEvent,
  type ApplyOutcome,
  type OperationState,
  type JournalEntry,
  type JournalEvent,
  type CallResult,
  type LockPort,
  type LockHandle,
} from './apply';
export { planMarkdown, totalsLine, type PlanMarkdownInput } from './markdown';
export { foldTimings, durationMs, formatDuration, type OperationTiming } from './timings';
export { jsonLineDiff, asJsonDocument, type DiffLine } from './json-diff';
export { headlineCounts, changedResources, type HeadlineCounts } from './counts';
