// Sharing as plan operations (RAM's `resourceShare` kind): edits checked against RAM's rules
// (lib/sharing) and the live estate, turned into operations in lib/plan's format, with their
// fingerprint states. Pure, safe for client components; the console's wiring is ./server.
export {
  planShareEdits,
  liveShares,
  shareKey,
  shareFingerprintStates,
  withShareStates,
  shareEditScope,
  shareEditSchema,
  shareEditProblems,
  shareEditIsLive,
  ShareEditError,
  SHARE_KIND,
  SHARE_KEY_PREFIX,
  type ShareEdit,
  type ShareEditInput,
  type SharePlan,
  type SharePlanOperation,
  type LiveShare,
  type ShareContext,
} from './plan';
