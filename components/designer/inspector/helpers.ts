// What every kind's panel in the inspector works with: the design's live records, the children
// of a record, adding and removing them, and the VPCs, subnets, security groups and target
// groups a field may choose from.
import type { Topology } from '@/lib/topology';
import { addRecord, childRecord, removeRecords, type DesignRecord } from '@/lib/topology/design';
import type { FieldContext } from '../fields';

export function recordHelpers(ctx: FieldContext, record: DesignRecord, topology: Topology | null) {
  const records = ctx.design.records;
  const active = Object.values(records).filter((r) => !r.removed);
  const childrenOf = (id: string, field: string, kind?: DesignRecord['kind']) => active.filter((r) => r.spec[field] === id && (!kind || r.kind === kind));
  const add = (kind: Parameters<typeof childRecord>[1], parent: string) => {
    const { patch } = addRecord(ctx.design, childRecord(ctx.design, kind, parent));
    ctx.dispatch(patch);
  };
  const remove = (id: string) => ctx.dispatch(removeRecords(ctx.design, [id]));
  const vpcs = (topology?.nodes ?? []).filter((n) => n.kind === 'vpc' && !n.external && n.account === record.account);
  const vpcChoices = vpcs.map((v) => ({ value: v.resourceId ?? v.id, label: `${v.name} (${v.resourceId})` }));
  const inVpc = (kind: 'subnet' | 'securityGroup', vpcId: unknown) => {
    const vpc = vpcs.find((v) => v.resourceId === vpcId);
    return (topology?.nodes ?? []).filter((n) => n.kind === kind && vpc && n.parent === vpc.id).map((n) => ({ value: n.resourceId ?? n.id, label: `${n.name} (${n.resourceId})` }));
  };
  const targetGroups = active.filter((r) => r.kind === 'targetGroup').map((t) => ({ id: t.id, label: `${String(t.spec.name)}${t.account !== record.account ? ` (${t.account})` : ''}` }));
  const name = (id: unknown) => (typeof id === 'string' ? String(records[id]?.spec.name ?? id) : '?');
  return { active, childrenOf, add, remove, vpcChoices, inVpc, targetGroups, name };
}

export type RecordHelpers = ReturnType<typeof recordHelpers>;

/** What the inspector hands the panel of the selected record's kind. */
export interface KindPanelProps {
  ctx: FieldContext;
  record: DesignRecord;
  selectedId: string;
  topology: Topology | null;
  h: RecordHelpers;
}
