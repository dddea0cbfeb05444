import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { currentUser } from '@/lib/auth';
import { safeCallbackUrl, signInNotice } from '@/lib/auth/sign-in-messages';
import { getConfig } from '@/lib/config';
import { Brand } from '@/components/shell/brand';
import { SignInForm } from '@/components/shell/sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  await connection(); // rendered per request: it reads the configuration and the session
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
  const config = getConfig();
  const callbackUrl = safeCallbackUrl(one('callbackUrl'), config.publicUrl);
  if (await currentUser()) redirect(callbackUrl);

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex justify-center">
          <Brand subtitle="VPC Lattice console" />
        </div>
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-1 text-base font-semibold text-slate-900">Sign in</h1>
          <p className="mb-5 text-sm text-slate-500">Use your Trellis account{config.oidc ? ' or single sign-on' : ''}.</p>
          <SignInForm callbackUrl={callbackUrl} notice={signInNotice({ error: one('error'), reason: one('reason') })} oidc={config.oidc ? { name: config.oidc.name } : null} />
        </div>
        {config.demo && (
          <p className="mt-4 text-center text-xs leading-relaxed text-slate-500" data-testid="demo-hint">
            Demo mode (lattice-local): sign in as <b className="font-medium text-slate-700">admin</b>, <b className="font-medium text-slate-700">editor</b>,{' '}
            <b className="font-medium text-slate-700">approver</b> or <b className="font-medium text-slate-700">viewer</b> with password{' '}
            <code className="rounded bg-slate-200/70 px-1 font-mono text-slate-700">trellis</code>.
          </p>
        )}
      </div>
    </main>
  );
}
