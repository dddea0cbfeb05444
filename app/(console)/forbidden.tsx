import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { neededRole } from '@/components/shell/nav';

export const metadata: Metadata = { title: 'Needs another role' };

/** What a signed-in user sees on a page their roles do not allow (requireRole): which role it needs, not a bare 404. */
export default async function Forbidden() {
  const path = (await headers()).get('x-trellis-path') ?? '';
  const role = neededRole(path.split('?')[0] ?? '');
  return (
    <div className="max-w-xl space-y-3 pt-8" data-testid="forbidden">
      <h1 className="text-lg font-semibold text-slate-900">{role ? `This page needs the ${role} role` : 'This page needs a role you do not have'}</h1>
      <p className="text-sm text-slate-600">
        Your account can sign in but may not use this page. An administrator can give you the role on the Users page; until then, the pages in the sidebar are the ones you can use.
      </p>
      <p className="text-sm">
        <Link href="/" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Back to the console
        </Link>
      </p>
    </div>
  );
}
