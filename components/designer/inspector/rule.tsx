'use client';
// A listener rule, edited in its listener's card: name, priority, match and action.
import type { DesignRecord } from '@/lib/topology/design';
import { ActionEditor } from '../action-editor';
import { ModelField, type FieldContext } from '../fields';
import { MatchEditor } from '../match-editor';
import type { RecordHelpers } from './helpers';
import { Card } from './parts';

export function RuleCard({ ctx, rule, selectedId, h: { remove, targetGroups } }: { ctx: FieldContext; rule: DesignRecord; selectedId: string; h: RecordHelpers }) {
  return (
    <Card title={`Rule ${String(rule.spec.name ?? '')}`} onRemove={ctx.editable ? () => remove(rule.id) : undefined} highlighted={rule.id === selectedId}>
      <div className="grid grid-cols-[1fr_5rem] gap-2">
        <ModelField ctx={ctx} record={rule} path={['name']} label="Name" />
        <ModelField ctx={ctx} record={rule} path={['priority']} label="Priority" />
      </div>
      <MatchEditor ctx={ctx} record={rule} />
      <ActionEditor ctx={ctx} record={rule} field="action" targetGroups={targetGroups} />
    </Card>
  );
}
