'use client';
// Over the designer's canvas when the live estate was not read completely: boxes in accounts
// that could not be read are "live unknown", not new, and this says why.

import type { ReadStateDto } from '@/components/topology/api';

export function LiveStateNote({ read, unread, accountNames }: { read: ReadStateDto | undefined; unread: ReadonlySet<string>; accountNames: ReadonlyMap<string, string> }) {
  if (!read) return null;
  const stale = read.state === 'stale';
  if (!stale && unread.size === 0) return null;
  const accounts = [...unread].filter((a) => a !== '*').map((a) => accountNames.get(a) ?? a);
  return (
    <div className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-[12.5px] text-amber-950" role="status" data-testid="live-unknown">
      {unread.has('*') ? (
        <>The live state is unknown: no account could be read. Boxes are marked “live unknown” rather than new; refresh live once the accounts can be read.</>
      ) : unread.size > 0 ? (
        <>
          The live state of {accounts.join(', ')} is unknown: {accounts.length === 1 ? 'it' : 'they'} could not be read. Boxes there that match nothing read are marked “live unknown”, not new.
        </>
      ) : null}
      {stale && <> The live estate shown is as read at {new Date(read.lastGoodAt).toLocaleString()}: refreshes since then failed.</>}
    </div>
  );
}
