'use client';
import { useState, type FormEvent } from 'react';
import type { Role } from '@/lib/auth/roles';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { callApi } from './api';
import { RoleCheckboxes } from './role-checkboxes';
import type { UserListItem } from './users-table';

/** Edits one user's roles, display name and (local users) password, in place. */
export function UserEditor({ user, onDone, onCancel }: { user: UserListItem; onDone: (message: string) => void; onCancel: () => void }) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [displayName, setDisplayName] = useState(user.displayName ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `edit-${user.name}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (roles.slice().sort().join() !== user.roles.slice().sort().join()) body.roles = roles;
    if (displayName.trim() !== (user.displayName ?? '')) body.displayName = displayName.trim() || null;
    if (password) body.password = password;
    if (Object.keys(body).length === 0) return onCancel();
    setBusy(true);
    const result = await callApi('PATCH', `/api/users/${encodeURIComponent(user.name)}`, body);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fields);
      setMessage(result.message);
      return;
    }
    onDone(`Saved ${user.name}${password ? '; their other sessions have ended' : ''}.`);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={`Edit ${user.name}`}>
      {message && <Alert tone="error">{message}</Alert>}
      <div className="grid gap-3 lg:grid-cols-[2fr_1fr_1fr]">
        <div>
          <div className="mb-1 text-xs font-medium text-slate-700">Roles</div>
          <RoleCheckboxes idPrefix={id} value={roles} onChange={setRoles} invalid={!!errors.roles} />
          {errors.roles && <p className="mt-1 text-xs text-red-700" role="alert">{errors.roles}</p>}
        </div>
        <Field id={`${id}-display`} label="Display name" error={errors.displayName}>
          <TextInput id={`${id}-display`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} invalid={!!errors.displayName} />
        </Field>
        {user.source === 'local' ? (
          <Field id={`${id}-password`} label="New password" hint="Leave empty to keep it. 8–256 characters." error={errors.password}>
            <TextInput id={`${id}-password`} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} invalid={!!errors.password} />
          </Field>
        ) : (
          <p className="self-center text-xs text-slate-500">Signs in with single sign-on; no password here.</p>
        )}
      </div>
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" type="submit" variant="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
