// lib/auth: sessions, roles, API tokens and request guards.
// Route handlers: `export const POST = withRole('editor', async (req, { user, params }) => …)`.
// Pages and server actions: `const user = await requireRole('admin')`.
// Client components may import `@/lib/auth/roles` (pure) for `can` and `Role`; not this file.
import 'server-only';

export { ROLES, ROLE_MEANINGS, can, effectiveRoles, isRole, type Role } from './roles';
export {
  withRole,
  withUser,
  requireUser,
  requireRole,
  currentUser,
  authenticateRequest,
  readJson,
  errorJson,
  errorResponse,
  type SignedInUser,
  type RouteContext,
} from './guards';
export { RequestError, badRequest, notFound, conflict, forbidden, parseInput, fieldProblems, type FieldProblem } from './errors';
export { getAuthOptions } from './options';
export { createUser, updateUser, getUsers, createToken, revokeToken, getTokens, type Actor } from './accounts';
export { clearUserThrottle } from './throttle-admin';
export { prepareConsole } from './startup';
export { clientAddress } from './origin';
