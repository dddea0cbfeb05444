// The scaffolding every section of the details panel shares: a titled block, and JSON shown
// as a dark, scrolling code block.
import type { ReactNode } from 'react';
import type { Json } from '@/lib/topology';
import { cn } from '@/components/ui/cn';

export function DetailsSection({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="border-t border-slate-200 px-4 py-3" data-testid={testId}>
      <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

/** A JSON value (a string as it is), formatted. `short` caps it lower, for documents listed one after another. */
export function JsonBlock({ value, testId, short = false }: { value: Json | undefined; testId?: string; short?: boolean }) {
  return (
    <pre className={cn(short ? 'max-h-72' : 'max-h-80', 'overflow-auto rounded-md bg-slate-950 p-2.5 font-mono text-[11px] leading-relaxed text-slate-100')} data-testid={testId}>
      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}
