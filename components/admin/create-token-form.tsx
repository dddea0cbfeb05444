'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Select, TextInput } from '@/components/ui/field';
import { callApi } from './api';
import { TokenSecret } from './token-secret';

const EXPIRY_CHOICES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '3650', label: '10 years' },
];

/** Creates a token for a user and shows its secret, once. */
export function CreateTokenForm({ userNames }: { userNames: string[] }) {
  const router = useRouter();
  const [user, setUser] = useState(userNames[0] ?? '');
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('90');
  const [scope, setScope] = useState<'full' | 'read-only'>('full');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ secret: string; label: string; user: string; expiresAt: string | null; scope: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setCreated(null);
    const result = await callApi<{ secret: string; token: { name: string; user: string; expiresAt: string | null; scope: string } }>('POST', '/api/tokens', {
      user,
      name: name.trim(),
      expiresInDays: Number(expires),
      scope,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fields);
      setMessage(['user', 'name', 'expiresInDays', 'scope'].some((f) => result.fields[f]) ? 'Fix the fields marked below.' : result.message);
      return;
    }
    setErrors({});
    setName('');
    setCreated({ secret: result.data.secret, label: result.data.token.name, user: result.data.token.user, expiresAt: result.data.token.expiresAt, scope: result.data.token.scope });
    router.refresh();
  }

  return (
    <div className="space-y-3">
      {created && <TokenSecret {...created} onDismiss={() => setCreated(null)} />}
      <form onSubmit={submit} noValidate className="space-y-3" aria-label="Create an API token">
        {message && <Alert tone="error">{message}</Alert>}
        <div className="grid gap-3 sm:grid-cols-[1fr_1.5fr_1fr_1fr_auto] sm:items-start">
          <Field id="token-user" label="For user" hint="The token acts with this user's roles" error={errors.user}>
            <Select id="token-user" value={user} onChange={(e) => setUser(e.target.value)} invalid={!!errors.user}>
              {userNames.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="token-name" label="Label" hint="What uses it, e.g. ci-deploy" error={errors.name}>
            <TextInput id="token-name" value={name} onChange={(e) => setName(e.target.value)} invalid={!!errors.name} autoComplete="off" spellCheck={false} />
          </Field>
          <Field id="token-expires" label="Expires after" error={errors.expiresInDays}>
            <Select id="token-expires" value={expires} onChange={(e) => setExpires(e.target.value)}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.label} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="token-scope" label="May" error={errors.scope}>
            <Select id="token-scope" value={scope} onChange={(e) => setScope(e.target.value === 'read-only' ? 'read-only' : 'full')}>
              <option value="full">Act with the user&apos;s roles</option>
              <option value="read-only">Only read (GET)</option>
            </Select>
          </Field>
          <div className="sm:pt-5">
            <Button type="submit" variant="primary" disabled={busy || !user}>
              {busy ? 'Creating…' : 'Create token'}
            </Button>
          </div>
        </div>
      </form>
    </div>
  );
}
