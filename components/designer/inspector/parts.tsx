'use client';
// The inspector's building blocks: the header of a panel, a card for a contained record,
// and what it shows when nothing is selected.
import type { ReactNode } from 'react';
import { KindIcon } from '@/components/canvas/kind-icon';
import { cn } from '@/components/ui/cn';

export function Header({ icon, kind, name }: { icon: Parameters<typeof KindIcon>[0]['kind'] | string; kind: string; name: string }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <span className="rounded-md bg-indigo-50 p-1.5 text-indigo-700">
        <KindIcon kind={icon as Parameters<typeof KindIcon>[0]['kind']} />
      </span>
      <div className="min-w-0">
        <div className="text-[10px] font-semibold tracking-wide text-slate-500 uppercase">{kind}</div>
        <div className="truncate text-sm font-semibold text-slate-900">{name || '(unnamed)'}</div>
      </div>
    </div>
  );
}

export function Card({ title, children, onRemove, highlighted }: { title?: string; children?: ReactNode; onRemove?: () => void; highlighted?: boolean }) {
  return (
    <div className={cn('space-y-2 rounded-md bg-slate-50/70 p-2.5 ring-1 ring-slate-200', highlighted && 'ring-2 ring-indigo-400')}>
      {(title || onRemove) && (
        <div className="flex items-center justify-between gap-2">
          <span className="truncate text-[12px] font-medium text-slate-800">{title}</span>
          {onRemove && (
            <button type="button" className="text-[11px] text-slate-500 hover:text-red-700" onClick={onRemove}>
              Remove
            </button>
          )}
        </div>
      )}
      {children}
    </div>
  );
}

/** `editable` false (a viewer): the inspector shows properties, and invites nothing it would refuse. */
export function EmptyInspector({ editable = true }: { editable?: boolean }) {
  return (
    <div className="p-5 text-[13px] leading-relaxed text-slate-500" data-testid="empty-inspector">
      <p className="font-medium text-slate-700">Nothing selected</p>
      {editable ? (
        <p className="mt-1">Add resources from the palette, then select a box to edit its properties. Draw a line between two boxes to connect them: a service to a service network, a VPC to a service network, a listener to a target group.</p>
      ) : (
        <p className="mt-1">Select a box to see its properties.</p>
      )}
    </div>
  );
}
