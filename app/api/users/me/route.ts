import { effectiveRoles, withUser } from '@/lib/auth';

/** Who the caller is (by session or API token) and what their roles allow. */
export const GET = withUser(async (_req, { user }) =>
  Response.json({
    user: { id: user.id, name: user.name, displayName: user.displayName, roles: user.roles, effectiveRoles: effectiveRoles(user.roles), via: user.via },
  }),
);
