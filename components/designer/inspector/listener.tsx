'use client';
// A listener, edited in its service's panel: protocol and port, default action, and its rules.
import type { DesignRecord } from '@/lib/topology/design';
import { Button } from '@/components/ui/button';
import { ActionEditor } from '../action-editor';
import { ModelField, type FieldContext } from '../fields';
import type { RecordHelpers } from './helpers';
import { Card } from './parts';
import { RuleCard } from './rule';

export function ListenerCard({ ctx, listener: l, selectedId, h }: { ctx: FieldContext; listener: DesignRecord; selectedId: string; h: RecordHelpers }) {
  const { childrenOf, add, remove, targetGroups } = h;
  return (
    <Card title={`Listener ${String(l.spec.name ?? '')}`} onRemove={ctx.editable ? () => remove(l.id) : undefined} highlighted={l.id === selectedId}>
      <div className="grid grid-cols-[1fr_7rem_5rem] gap-2">
        <ModelField ctx={ctx} record={l} path={['name']} label="Name" />
        <ModelField ctx={ctx} record={l} path={['protocol']} label="Protocol" />
        <ModelField ctx={ctx} record={l} path={['port']} label="Port" />
      </div>
      <ActionEditor ctx={ctx} record={l} field="defaultAction" targetGroups={targetGroups} />
      <div className="space-y-2 border-l-2 border-slate-100 pl-2">
        {childrenOf(l.id, 'listenerIdentifier', 'rule')
          .sort((a, b) => Number(a.spec.priority) - Number(b.spec.priority))
          .map((rule) => (
            <RuleCard key={rule.id} ctx={ctx} rule={rule} selectedId={selectedId} h={h} />
          ))}
        {ctx.editable && (
          <Button size="sm" variant="ghost" onClick={() => add('rule', l.id)}>
            + Rule
          </Button>
        )}
      </div>
    </Card>
  );
}
