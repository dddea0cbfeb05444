import { RoleBadge } from '@/components/ui/badge';
import { SignOutButton } from './sign-out-button';

/** The signed-in user, their roles, and the way out. */
export function UserCard({ name, displayName, roles }: { name: string; displayName: string | null; roles: string[] }) {
  const initials = (displayName || name).split(/[\s._-]+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-2.5" data-testid="user-card">
      <div className="flex items-center gap-2">
        <div className="flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-800 text-[11px] font-semibold text-white">{initials}</div>
        <div className="min-w-0 leading-tight">
          <div className="truncate text-sm font-medium text-slate-900" data-testid="user-name">{name}</div>
          {displayName && <div className="truncate text-[11px] text-slate-500">{displayName}</div>}
        </div>
      </div>
      <div className="mt-2 flex flex-wrap gap-1" aria-label="Roles" data-testid="user-roles">
        {roles.length ? roles.map((r) => <RoleBadge key={r} role={r} />) : <span className="text-[11px] text-slate-500">No role yet</span>}
      </div>
      <div className="mt-2 border-t border-slate-100 pt-2">
        <SignOutButton />
      </div>
    </div>
  );
}
