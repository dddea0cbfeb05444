// What a target group's type takes. The model documents it member by member on
// TargetGroupConfig ("Not supported if the target group type is LAMBDA", "Supported only if
// the target group type is IP"); the table below is that documentation as data, and a test
// reads the model's documentation to keep it so. Changing the type clears what the new
// type does not take, in the group and in its targets.
import type { JsonObject } from '../types';
import { activeRecords, getIn, setIn } from './commands';
import type { Design, DocumentChange, Patch } from './types';

export const TARGET_GROUP_TYPES = ['IP', 'LAMBDA', 'INSTANCE', 'ALB'] as const;
export type TargetGroupType = (typeof TARGET_GROUP_TYPES)[number];

/** TargetGroupConfig members and the types that take them. */
export const TARGET_GROUP_CONFIG_SUPPORT: Record<string, readonly TargetGroupType[]> = {
  port: ['IP', 'INSTANCE', 'ALB'],
  protocol: ['IP', 'INSTANCE', 'ALB'],
  protocolVersion: ['IP', 'INSTANCE', 'ALB'],
  vpcIdentifier: ['IP', 'INSTANCE', 'ALB'],
  healthCheck: ['IP', 'INSTANCE'],
  ipAddressType: ['IP'],
  lambdaEventStructureVersion: ['LAMBDA'],
};

/** A target of each type, as the model's Target.id documents it: what the form asks for. */
export const TARGET_FORM: Record<TargetGroupType, { idLabel: string; placeholder: string; port: boolean }> = {
  IP: { idLabel: 'IP address', placeholder: '10.0.1.15', port: true },
  INSTANCE: { idLabel: 'Instance id', placeholder: 'i-0123456789abcdef0', port: true },
  LAMBDA: { idLabel: 'Function ARN', placeholder: 'arn:aws:lambda:us-east-1:111122223333:function:name', port: false },
  ALB: { idLabel: 'Application Load Balancer ARN', placeholder: 'arn:aws:elasticloadbalancing:…:loadbalancer/app/…', port: true },
};

export function isTargetGroupType(value: unknown): value is TargetGroupType {
  return typeof value === 'string' && (TARGET_GROUP_TYPES as readonly string[]).includes(value);
}

/**
 * Sets a target group's type and clears what that type does not take: config members the
 * model documents as unsupported, and its targets' ids (an IP is no function ARN) and, for
 * LAMBDA, their ports.
 */
export function setTargetGroupType(design: Design, id: string, type: string | undefined): Patch {
  const record = design.records[id];
  if (!record || record.removed || record.kind !== 'targetGroup') throw new Error(`No target group ${id} in this design.`);
  const changes: DocumentChange[] = [];
  let spec: JsonObject = type === undefined ? setIn(record.spec, ['type'], undefined) : { ...record.spec, type };
  if (isTargetGroupType(type)) {
    for (const [member, types] of Object.entries(TARGET_GROUP_CONFIG_SUPPORT)) {
      if (!types.includes(type) && getIn(spec, ['config', member]) !== undefined) spec = setIn(spec, ['config', member], undefined);
    }
  }
  changes.push({ collection: 'records', id, before: record, after: { ...record, spec } });
  if (type !== record.spec.type) {
    for (const t of activeRecords(design)) {
      if (t.kind !== 'target' || t.spec.targetGroupIdentifier !== id) continue;
      let tspec = setIn(t.spec, ['id'], undefined);
      if (type === 'LAMBDA') tspec = setIn(tspec, ['port'], undefined);
      if (tspec !== t.spec && JSON.stringify(tspec) !== JSON.stringify(t.spec)) changes.push({ collection: 'records', id: t.id, before: t, after: { ...t, spec: tspec } });
    }
  }
  return { label: `set type of target group ${String(record.spec.name ?? '')} to ${type ?? '(not set)'}`, changes };
}
