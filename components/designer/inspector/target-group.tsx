'use client';
// A target group: type, protocol and VPC (or the Lambda event structure), health check, and
// its targets.
import { getIn, isTargetGroupType, setTargetGroupType, TARGET_FORM } from '@/lib/topology/design';
import { Button } from '@/components/ui/button';
import { ModelField, Section } from '../fields';
import type { KindPanelProps } from './helpers';
import { Card } from './parts';
import { FunctionPicker } from '../pickers/function-picker';

export function TargetGroupPanel({ ctx, record, selectedId, topology, h: { childrenOf, add, remove, vpcChoices } }: KindPanelProps) {
  const lambda = record.spec.type === 'LAMBDA';
  const form = isTargetGroupType(record.spec.type) ? TARGET_FORM[record.spec.type] : null;
  return (
    <>
      <Section title="Target group">
        <ModelField ctx={ctx} record={record} path={['name']} label="Name" />
        <ModelField ctx={ctx} record={record} path={['type']} label="Type" command={(v) => setTargetGroupType(ctx.design, record.id, typeof v === 'string' ? v : undefined)} />
        {!lambda && (
          <>
            <div className="grid grid-cols-[1fr_6rem] gap-2">
              <ModelField ctx={ctx} record={record} path={['config', 'protocol']} label="Protocol" />
              <ModelField ctx={ctx} record={record} path={['config', 'port']} label="Port" />
            </div>
            <ModelField ctx={ctx} record={record} path={['config', 'protocolVersion']} label="Protocol version" />
            <ModelField ctx={ctx} record={record} path={['config', 'vpcIdentifier']} label="VPC" choices={vpcChoices.length ? vpcChoices : undefined} />
            {(record.spec.type === 'IP' || getIn(record.spec, ['config', 'ipAddressType']) !== undefined) && <ModelField ctx={ctx} record={record} path={['config', 'ipAddressType']} label="IP address type" />}
          </>
        )}
        {lambda && <ModelField ctx={ctx} record={record} path={['config', 'lambdaEventStructureVersion']} label="Lambda event structure" />}
      </Section>
      {!lambda && record.spec.type !== 'ALB' && (
        <Section title="Health check">
          <ModelField ctx={ctx} record={record} path={['config', 'healthCheck', 'enabled']} label="Enabled" />
          <div className="grid grid-cols-[1fr_6rem] gap-2">
            <ModelField ctx={ctx} record={record} path={['config', 'healthCheck', 'path']} label="Path" />
            <ModelField ctx={ctx} record={record} path={['config', 'healthCheck', 'protocol']} label="Protocol" />
          </div>
        </Section>
      )}
      <Section title="Targets" actions={ctx.editable ? <Button size="sm" variant="ghost" onClick={() => add('target', record.id)}>+ Target</Button> : undefined}>
        {childrenOf(record.id, 'targetGroupIdentifier', 'target').map((t) => (
          <Card key={t.id} onRemove={ctx.editable ? () => remove(t.id) : undefined} highlighted={t.id === selectedId}>
            {lambda ? (
              <div data-testid="target-form" data-type="LAMBDA">
                <FunctionPicker ctx={ctx} target={t} group={record} topology={topology} />
              </div>
            ) : (
              <div className={form?.port === false ? 'grid gap-2' : 'grid grid-cols-[1fr_6rem] gap-2'} data-testid="target-form" data-type={String(record.spec.type ?? '')}>
                <ModelField ctx={ctx} record={t} path={['id']} label={form?.idLabel ?? 'Target id'} placeholder={form?.placeholder} />
                {form?.port !== false && <ModelField ctx={ctx} record={t} path={['port']} label="Port" />}
              </div>
            )}
          </Card>
        ))}
      </Section>
    </>
  );
}
