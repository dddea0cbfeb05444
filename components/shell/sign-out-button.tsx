'use client';
import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Icon } from './icons';

export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        // No redirect from next-auth: it would send the browser to NEXTAUTH_URL's host, which
        // may not be the one this page was opened on.
        await signOut({ redirect: false }).catch(() => undefined);
        router.replace('/sign-in');
        router.refresh();
      }}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-400"
    >
      <Icon name="signOut" className="size-3.5" />
      {busy ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
