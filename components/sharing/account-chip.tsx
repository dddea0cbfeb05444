import type { AccountRef } from '@/lib/sharing';
import { cn } from '@/components/ui/cn';

/** An account as people recognise it: its colour, its name, and the id underneath. */
export function AccountChip({ account, color, className, compact = false }: { account: AccountRef; color?: string; className?: string; compact?: boolean }) {
  const named = account.name && account.name !== account.id;
  return (
    <span className={cn('inline-flex min-w-0 items-center gap-1.5', className)} title={`${account.name} (${account.id})`}>
      <span className="size-2 shrink-0 rounded-full" style={{ backgroundColor: color ?? '#94a3b8' }} aria-hidden="true" />
      <span className="min-w-0 leading-tight">
        <span className="block truncate text-[13px] font-medium text-slate-800">{named ? account.name : account.id}</span>
        {named && !compact && <span className="block font-mono text-[11px] text-slate-500">{account.id}</span>}
      </span>
    </span>
  );
}
