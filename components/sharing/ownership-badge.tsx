import { principalLabel, type NodeOwnership } from '@/lib/sharing';

function accountName(id: string, names: ReadonlyMap<string, string>): string {
  return names.get(id) ?? id;
}


/**
 * One line under a canvas box: whom it is shared with (accounts that see it, else the share's
 * principals) after a dot in the owner's colour, with pending invitations counted; the owner
 * and the shares are in the tooltip (the box already sits in its owner's group). Plain
 * markup: the canvas node places it.
 */
export function OwnershipBadge({ ownership, names, ownerColor }: { ownership: NodeOwnership; names: ReadonlyMap<string, string>; ownerColor?: string }) {
  const reach = ownership.sharedWith.length ? ownership.sharedWith.map((a) => accountName(a, names)) : ownership.principals.map((p) => principalLabel(p, names, { compact: true }));
  const title = [
    `Owner: ${accountName(ownership.owner, names)} (${ownership.owner})`,
    ...(ownership.shares.length ? [`In share${ownership.shares.length === 1 ? '' : 's'}: ${ownership.shares.map((s) => s.name).join(', ')}`] : []),
    ...(reach.length ? [`Shared with: ${reach.join(', ')}`] : []),
    ...ownership.pending.map((p) => `Invitation pending: ${accountName(p.receiver, names)} (${p.shareName})`),
  ].join('\n');
  return (
    <span className="flex min-w-0 items-center gap-1 text-[10px] leading-none text-slate-500" title={title} data-testid="ownership-badge">
      <span className="size-1.5 shrink-0 rounded-full" style={{ backgroundColor: ownerColor ?? '#94a3b8' }} aria-hidden="true" />
      <span className="sr-only">{accountName(ownership.owner, names)}</span>
      {reach.length > 0 && (
        <span className="truncate text-sky-700" data-testid="ownership-shared-with">
          shared with {reach.slice(0, 2).join(', ')}
          {reach.length > 2 ? ` +${reach.length - 2}` : ''}
        </span>
      )}
      {ownership.pending.length > 0 && (
        <span className="shrink-0 rounded bg-amber-50 px-1 font-medium text-amber-800 ring-1 ring-amber-200 ring-inset" data-testid="ownership-pending">
          {ownership.pending.length} pending
        </span>
      )}
    </span>
  );
}
