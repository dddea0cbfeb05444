'use client';
// Tags as key/value rows, checked against the model's TagMap (keys up to 128 characters, values up to 256, at most 200).
import { useState } from 'react';
import { fieldIssues, setTags, type DesignRecord } from '@/lib/topology/design';
import { Button } from '@/components/ui/button';
import { DraftInput, type FieldContext } from './fields';

export function TagsEditor({ ctx, record }: { ctx: FieldContext; record: DesignRecord }) {
  const tags = Object.entries(record.tags ?? {});
  const [adding, setAdding] = useState(false);
  const problems = fieldIssues(ctx.issues, record.id, 'tags');
  const commit = (entries: [string, string][]) => ctx.dispatch(setTags(ctx.design, record.id, Object.fromEntries(entries.filter(([k]) => k))));
  return (
    <div className="space-y-1.5">
      {tags.map(([k, v], i) => (
        <div key={`${k}-${i}`} className="grid grid-cols-[1fr_1fr_auto] gap-1.5">
          <DraftInput id={`tag-k-${i}`} value={k} invalid={false} disabled={!ctx.editable} onCommit={(nk) => commit(tags.map(([a, b], j) => (j === i ? [nk, b] : [a, b])))} />
          <DraftInput id={`tag-v-${i}`} value={v} invalid={false} disabled={!ctx.editable} onCommit={(nv) => commit(tags.map(([a, b], j) => (j === i ? [a, nv] : [a, b])))} />
          {ctx.editable && (
            <button type="button" aria-label={`Remove tag ${k}`} className="px-1 text-slate-400 hover:text-red-700" onClick={() => commit(tags.filter((_, j) => j !== i))}>
              ×
            </button>
          )}
        </div>
      ))}
      {problems.map((p, i) => (
        <p key={i} className="text-[11px] text-red-700">
          {p.path}: {p.rule}
        </p>
      ))}
      {ctx.editable &&
        (adding ? (
          <div className="grid grid-cols-[1fr_1fr] gap-1.5">
            <DraftInput id="tag-new" value="" placeholder="key, then Enter" invalid={false} onCommit={(k) => {
              setAdding(false);
              if (k.trim()) commit([...tags, [k.trim(), '']]);
            }} />
          </div>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => setAdding(true)}>
            + Tag
          </Button>
        ))}
    </div>
  );
}
