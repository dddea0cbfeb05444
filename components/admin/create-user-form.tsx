'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { Role } from '@/lib/auth/roles';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';
import { callApi } from './api';
import { RoleCheckboxes } from './role-checkboxes';

/** Adds a local user. On a refusal, every field keeps what was typed and shows its rule. */
export function CreateUserForm() {
  const router = useRouter();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['viewer']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const result = await callApi<{ user: { name: string } }>('POST', '/api/users', {
      name: name.trim(),
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      password,
      roles,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fields);
      const marked = ['name', 'displayName', 'password', 'roles'].some((f) => result.fields[f]);
      setMessage({ tone: 'error', text: marked ? 'Fix the fields marked below.' : result.message });
      return;
    }
    setErrors({});
    setMessage({ tone: 'success', text: `User ${result.data.user.name} was created. They can sign in now.` });
    setName('');
    setDisplayName('');
    setPassword('');
    setRoles(['viewer']);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Add a user">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id="new-user-name" label="User name" hint="3–64 of a–z 0–9 . _ - , starting with a letter" error={errors.name}>
          <TextInput id="new-user-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!errors.name} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="new-user-display" label="Display name (optional)" error={errors.displayName}>
          <TextInput id="new-user-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} invalid={!!errors.displayName} autoComplete="off" />
        </Field>
        <Field id="new-user-password" label="Password" hint="8–256 characters" error={errors.password}>
          <TextInput id="new-user-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} invalid={!!errors.password} autoComplete="new-password" />
        </Field>
      </div>
      <div>
        <div className="mb-1 text-xs font-medium text-slate-700">Roles</div>
        <RoleCheckboxes idPrefix="new-user" value={roles} onChange={setRoles} invalid={!!errors.roles} />
        {errors.roles && (
          <p className="mt-1 text-xs text-red-700" role="alert">
            {errors.roles}
          </p>
        )}
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </Button>
      </div>
    </form>
  );
}
