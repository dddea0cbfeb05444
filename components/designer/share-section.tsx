'use client';
// The selected resource's RAM sharing in the designer: its live shares and the design's sharing
// edits (share with accounts or the organization, add or remove principals, stop sharing),
// each made through a design command so undo, redo and autosave cover it. A resource RAM does
// not share, or one not yet created, says so instead of offering a form.
import { useMemo } from 'react';
import { liveShares, shareEditIsLive, type ShareEditInput } from '@/lib/plan/sharing';
import { checkResourceArn, shareBlocker, SHAREABLE_LABELS, SHAREABLE_TYPES } from '@/lib/sharing';
import type { Topology } from '@/lib/topology';
import { addShareEdit, removeShareEdits, type DesignRecord, type JsonObject } from '@/lib/topology/design';
import { ShareEditsPanel } from '@/components/sharing/share-edits-panel';
import { Section, type FieldContext } from './fields';

export interface ShareSectionProps {
  ctx: FieldContext;
  record: DesignRecord;
  topology: Topology | null;
  accountNames: ReadonlyMap<string, string>;
}

export function ShareSection({ ctx, record, topology, accountNames }: ShareSectionProps) {
  const live = useMemo(() => (topology ? liveShares(topology) : []), [topology]);
  const edits = useMemo(() => (ctx.design.shares ?? []) as ShareEditInput[], [ctx.design.shares]);
  // Only judged once the live estate is read: before that every edit would look pending.
  const applied = useMemo(() => new Set(topology ? edits.flatMap((e, i) => (shareEditIsLive(e, live) ? [i] : [])) : []), [edits, live, topology]);
  const shareableKind = SHAREABLE_TYPES.some((t) => t.kind === record.kind);
  const name = String(record.spec.name ?? record.id);

  let body;
  if (!record.arn) {
    body = shareableKind ? (
      <p className="text-[12px] text-slate-500">A share names the live resource: apply the design to create {name}, then share it.</p>
    ) : (
      <p className="text-[12px] text-slate-600" data-testid="share-unshareable">
        RAM shares only {SHAREABLE_LABELS}.
      </p>
    );
  } else {
    const check = checkResourceArn(record.arn);
    const node = topology?.nodes.find((n) => n.id === record.arn);
    const blocker = node ? shareBlocker(node) : undefined;
    if (!check.ok || blocker) {
      body = (
        <p className="rounded bg-amber-50 px-2 py-1 text-[12px] text-amber-900" data-testid="share-unshareable">
          {check.ok ? blocker : check.rule}
        </p>
      );
    } else {
      body = (
        <ShareEditsPanel
          resource={{ arn: record.arn, name }}
          shares={live.filter((s) => s.resources.includes(record.arn!))}
          allShares={live}
          accountNames={accountNames}
          edits={edits}
          applied={applied}
          readOnly={!ctx.editable}
          onAdd={(edit) => ctx.dispatch(addShareEdit(ctx.design, edit as JsonObject))}
          onRemove={(indexes) => ctx.dispatch(removeShareEdits(ctx.design, indexes))}
        />
      );
    }
  }
  return (
    <div data-testid="share-section">
      <Section title="Sharing (RAM)">{body}</Section>
    </div>
  );
}
