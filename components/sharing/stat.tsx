import Link from 'next/link';
import { cn } from '@/components/ui/cn';

/** One figure of a page's summary strip, optionally linking to where it comes from. `value` null: it could not be read, shown "—". */
export function Stat({ label, value, hint, href, tone = 'neutral', testId }: { label: string; value: number | null; hint?: string; href?: string; tone?: 'neutral' | 'amber'; testId?: string }) {
  const body = (
    <>
      <div className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{label}</div>
      <div className={cn('mt-1 text-2xl font-semibold tabular-nums', tone === 'amber' && value !== null && value > 0 ? 'text-amber-700' : 'text-slate-900')} data-testid={testId} data-known={value !== null}>
        {value === null ? <span title="Unknown: it could not be read">—</span> : value}
      </div>
      {value === null ? <div className="mt-0.5 text-xs text-slate-600">unknown: not every account could be read</div> : hint && <div className="mt-0.5 text-xs text-slate-500">{hint}</div>}
    </>
  );
  const box = 'block rounded-lg bg-white px-4 py-3 shadow-xs ring-1 ring-slate-200';
  return href ? (
    <Link href={href} className={cn(box, 'hover:ring-indigo-300')}>
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}
