'use client';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, TextInput } from '@/components/ui/field';

interface Props {
  callbackUrl: string;
  /** A message to show before any attempt: why the user is here (session ended, provider error). */
  notice?: string | null;
  oidc?: { name: string } | null;
}

export function SignInForm({ callbackUrl, notice, oidc }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await signIn('credentials', { username, password, redirect: false, callbackUrl });
      if (!result || result.error) {
        setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Sign-in failed. Try again.');
        setPassword('');
        setBusy(false);
        return;
      }
      // A full navigation, so the console renders with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError('The console did not answer. Check that it is running, then try again.');
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : notice ? <Alert tone="warning">{notice}</Alert> : null}
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field id="username" label="User name">
          <TextInput id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field id="password" label="Password">
          <TextInput id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <Button type="submit" variant="primary" className="w-full" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      {oidc && (
        <>
          <div className="flex items-center gap-3 text-[11px] tracking-wide text-slate-400 uppercase">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button className="w-full" onClick={() => void signIn('oidc', { callbackUrl })}>
            Continue with {oidc.name}
          </Button>
        </>
      )}
    </div>
  );
}
