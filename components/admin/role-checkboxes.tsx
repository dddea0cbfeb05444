'use client';
import { ROLE_MEANINGS, ROLES, type Role } from '@/lib/auth/roles';
import { cn } from '@/components/ui/cn';

/** Pick any number of roles; each shows what it allows. */
export function RoleCheckboxes({ idPrefix, value, onChange, invalid }: { idPrefix: string; value: Role[]; onChange: (roles: Role[]) => void; invalid?: boolean }) {
  return (
    <div className={cn('grid grid-cols-2 gap-1.5 rounded-md p-1', invalid && 'ring-1 ring-red-400')} role="group" aria-label="Roles">
      {ROLES.map((role) => {
        const id = `${idPrefix}-role-${role}`;
        const checked = value.includes(role);
        return (
          <label
            key={role}
            htmlFor={id}
            className={cn('flex cursor-pointer items-start gap-2 rounded-md px-2 py-1.5 ring-1 ring-inset', checked ? 'bg-indigo-50/60 ring-indigo-200' : 'ring-slate-200 hover:bg-slate-50')}
            title={ROLE_MEANINGS[role]}
          >
            <input
              id={id}
              type="checkbox"
              name="roles"
              value={role}
              checked={checked}
              onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
              className="mt-0.5 size-3.5 accent-indigo-600"
            />
            <span className="min-w-0 leading-tight">
              <span className="block text-xs font-medium text-slate-800">{role}</span>
              <span className="block truncate text-[11px] text-slate-500">{ROLE_MEANINGS[role]}</span>
            </span>
          </label>
        );
      })}
    </div>
  );
}
