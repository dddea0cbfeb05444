// Target groups, their targets, and the health each target reports.
import { conflict, quotaExceeded } from '../../protocols/errors';
import type { Store, StoredRecord } from '../../store/index';
import { createRecord, deleteRecord, isGone, listPage, replayed, resolve, statusOf, updateRecord } from '../resources';
import type { Handler, OperationContext } from '../types';
import { invalidField, requireNotDeleting, requireVpc, view } from './common';
import { TARGET_KIND, listenerKind, ruleKind, targetGroupKind } from './kinds';
import { servicesUsing } from './listeners';
import { missingFunction } from './references';

type HealthCheck = {
  enabled?: boolean; protocol?: string; protocolVersion?: string; port?: number; path?: string;
  healthCheckIntervalSeconds?: number; healthCheckTimeoutSeconds?: number; healthyThresholdCount?: number;
  unhealthyThresholdCount?: number; matcher?: { httpCode?: string };
};
type TargetGroupConfig = {
  port?: number; protocol?: string; protocolVersion?: string; ipAddressType?: string; vpcIdentifier?: string;
  healthCheck?: HealthCheck; lambdaEventStructureVersion?: string;
};

/** AWS's health check defaults for HTTP, HTTPS and TCP target groups. */
function defaultHealthCheck(protocol: string | undefined): HealthCheck {
  return {
    enabled: true,
    protocol: protocol === 'HTTPS' ? 'HTTPS' : 'HTTP',
    protocolVersion: 'HTTP1',
    path: '/',
    healthCheckIntervalSeconds: 30,
    healthCheckTimeoutSeconds: 5,
    healthyThresholdCount: 5,
    unhealthyThresholdCount: 2,
    matcher: { httpCode: '200' },
  };
}

/** Checks a target group's configuration against its type and fills AWS's defaults. */
function normalizeConfig(ctx: OperationContext, type: string, config: TargetGroupConfig | undefined): TargetGroupConfig | undefined {
  if (type === 'LAMBDA') {
    for (const field of ['port', 'protocol', 'protocolVersion', 'ipAddressType', 'vpcIdentifier', 'healthCheck'] as const) {
      if (config?.[field] !== undefined) invalidField(`config.${field}`, 'is not supported for a LAMBDA target group');
    }
    return { lambdaEventStructureVersion: config?.lambdaEventStructureVersion ?? 'V1' };
  }
  if (!config) invalidField('config', `is required for a ${type} target group`);
  for (const field of ['port', 'protocol', 'vpcIdentifier'] as const) {
    if (config[field] === undefined) invalidField(`config.${field}`, `is required for a ${type} target group`);
  }
  if (config.lambdaEventStructureVersion !== undefined) invalidField('config.lambdaEventStructureVersion', 'is only supported for a LAMBDA target group');
  if (type === 'ALB') {
    if (config.protocol === 'TCP') invalidField('config.protocol', 'an ALB target group uses HTTP or HTTPS');
    if (config.healthCheck !== undefined) invalidField('config.healthCheck', 'is not supported for an ALB target group');
    if (config.protocolVersion === 'GRPC') invalidField('config.protocolVersion', 'an ALB target group uses HTTP1 or HTTP2');
  }
  if (config.ipAddressType !== undefined && type !== 'IP') invalidField('config.ipAddressType', 'is only supported for an IP target group');
  if (config.protocol === 'TCP' && config.protocolVersion !== undefined) invalidField('config.protocolVersion', 'is not supported with the TCP protocol');
  requireVpc(ctx, config.vpcIdentifier!);
  return {
    port: config.port,
    protocol: config.protocol,
    ...(config.protocol !== 'TCP' ? { protocolVersion: config.protocolVersion ?? 'HTTP1' } : {}),
    ...(type === 'IP' ? { ipAddressType: config.ipAddressType ?? 'IPV4' } : {}),
    vpcIdentifier: config.vpcIdentifier,
    ...(type !== 'ALB' ? { healthCheck: { ...defaultHealthCheck(config.protocol), ...config.healthCheck } } : {}),
  };
}

function targetGroupView(ctx: OperationContext, tg: StoredRecord): Record<string, unknown> {
  const config = (tg.config ?? {}) as TargetGroupConfig;
  return {
    ...view(ctx, targetGroupKind, tg),
    serviceArns: servicesUsing(ctx, tg),
    port: config.port,
    protocol: config.protocol,
    ipAddressType: config.ipAddressType,
    vpcIdentifier: config.vpcIdentifier,
    lambdaEventStructureVersion: config.lambdaEventStructureVersion,
  };
}

export const createTargetGroup: Handler = (ctx) => {
  const input = ctx.input as { name: string; type: string; config?: TargetGroupConfig; tags?: Record<string, string> };
  const previous = replayed(ctx, targetGroupKind, ctx.input.clientToken);
  if (previous) return { ...previous, status: 'CREATE_IN_PROGRESS' };
  const config = normalizeConfig(ctx, input.type, input.config);
  const record = createRecord(ctx, targetGroupKind, { name: input.name, type: input.type, config, tags: input.tags }, { name: input.name });
  return { ...record, status: 'CREATE_IN_PROGRESS' };
};

export const getTargetGroup: Handler = (ctx) => targetGroupView(ctx, resolve(ctx, targetGroupKind, ctx.input.targetGroupIdentifier));

export const listTargetGroups: Handler = (ctx) => {
  const { vpcIdentifier, targetGroupType } = ctx.input as { vpcIdentifier?: string; targetGroupType?: string };
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(targetGroupKind.kind, 'scope', ctx.scope)],
    filter: (tg) =>
      (!vpcIdentifier || (tg.config as TargetGroupConfig | undefined)?.vpcIdentifier === vpcIdentifier) &&
      (!targetGroupType || tg.type === targetGroupType),
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return { items: page.items.map((tg) => targetGroupView(ctx, tg)), nextToken: page.nextToken };
};

export const updateTargetGroup: Handler = (ctx) => {
  const tg = resolve(ctx, targetGroupKind, ctx.input.targetGroupIdentifier);
  requireNotDeleting(ctx, targetGroupKind, tg, 'update the target group');
  if (tg.type === 'LAMBDA' || tg.type === 'ALB') invalidField('healthCheck', `health checks are not supported for a ${tg.type} target group`);
  const config = (tg.config ?? {}) as TargetGroupConfig;
  const updated = updateRecord(ctx, tg, { config: { ...config, healthCheck: { ...config.healthCheck, ...(ctx.input.healthCheck as HealthCheck) } } });
  return view(ctx, targetGroupKind, updated);
};

export const deleteTargetGroup: Handler = (ctx) => {
  const tg = resolve(ctx, targetGroupKind, ctx.input.targetGroupIdentifier);
  const status = statusOf(tg, ctx.now);
  if (status === 'DELETE_IN_PROGRESS') return { ...tg, status };
  if (status === 'CREATE_IN_PROGRESS') {
    throw conflict(tg.id as string, targetGroupKind.resourceType, `Target group ${tg.id} cannot be deleted while its creation is in progress.`);
  }
  for (const kind of [listenerKind, ruleKind]) {
    const user = ctx.store.byIndex(kind.kind, 'targetGroup', tg.id as string).find((r) => !isGone(r, ctx.now));
    if (user) {
      throw conflict(tg.id as string, targetGroupKind.resourceType, `Target group ${tg.id} is used by ${kind === listenerKind ? 'listener' : 'rule'} ${user.id}; remove it from there first.`);
    }
  }
  for (const target of [...ctx.store.byIndex(TARGET_KIND, 'targetGroup', tg.arn as string)]) ctx.store.remove(target.key);
  deleteRecord(ctx, targetGroupKind, tg);
  return { ...tg, status: 'DELETE_IN_PROGRESS' };
};

// ---- Targets ------------------------------------------------------------------------------------

type Target = { id: string; port?: number };

const targetKey = (tgArn: string, id: string, port: number | undefined) => `${tgArn}/target/${id}/${port ?? ''}`;

const TARGET_ID: Record<string, { pattern: RegExp; what: string }> = {
  INSTANCE: { pattern: /^i-[0-9a-f]{8}([0-9a-f]{9})?$/, what: 'an EC2 instance id (i-…)' },
  IP: { pattern: /^((\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F:]+:[0-9a-fA-F:]*)$/, what: 'an IP address' },
  LAMBDA: { pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, what: 'a Lambda function ARN' },
  ALB: { pattern: /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/[^/]+\/[0-9a-f]+$/, what: 'an Application Load Balancer ARN' },
};

/** The health a target reports at `now`. */
export function targetHealth(ctx: OperationContext, tg: StoredRecord, target: StoredRecord): { status: string; reasonCode?: string } {
  if (target.deregisteredAt !== undefined) return { status: 'DRAINING', reasonCode: 'TargetDeregistrationInProgress' };
  if (target.health) return { status: target.health as string, reasonCode: target.reasonCode as string | undefined };
  if (servicesUsing(ctx, tg).length === 0) return { status: 'UNUSED', reasonCode: 'TargetGroupNotInUse' };
  const healthCheck = (tg.config as TargetGroupConfig | undefined)?.healthCheck;
  if (tg.type === 'LAMBDA' || tg.type === 'ALB' || healthCheck?.enabled === false) return { status: 'UNAVAILABLE', reasonCode: 'HealthCheckDisabled' };
  if (ctx.now < (target.registeredAt as number) + ctx.config.activationDelayMs) return { status: 'INITIAL', reasonCode: 'HealthCheckInProgress' };
  return { status: 'HEALTHY' };
}

function ownedTargetGroup(ctx: OperationContext): StoredRecord {
  const tg = resolve(ctx, targetGroupKind, ctx.input.targetGroupIdentifier);
  requireNotDeleting(ctx, targetGroupKind, tg, 'change targets');
  return tg;
}

function liveTargets(ctx: OperationContext, tg: StoredRecord): StoredRecord[] {
  return ctx.store.byIndex(TARGET_KIND, 'targetGroup', tg.arn as string).filter((t) => !isGone(t, ctx.now));
}

export const registerTargets: Handler = (ctx) => {
  const tg = ownedTargetGroup(ctx);
  const type = tg.type as string;
  const defaultPort = (tg.config as TargetGroupConfig | undefined)?.port;
  const successful: Target[] = [];
  const unsuccessful: unknown[] = [];
  const current = liveTargets(ctx, tg).filter((t) => t.deregisteredAt === undefined);
  const limit = ctx.config.quotas['L-D71303F3'];
  let count = current.length;
  for (const target of ctx.input.targets as Target[]) {
    const rule = TARGET_ID[type]!;
    if (!rule.pattern.test(target.id)) {
      unsuccessful.push({ id: target.id, port: target.port, failureCode: 'InvalidTargetId', failureMessage: `A ${type} target must be ${rule.what}.` });
      continue;
    }
    const missing = type === 'LAMBDA' ? missingFunction(ctx.store, target.id) : undefined;
    if (missing) {
      unsuccessful.push({ id: target.id, port: target.port, ...missing });
      continue;
    }
    if (type === 'LAMBDA' && target.port !== undefined) {
      unsuccessful.push({ id: target.id, port: target.port, failureCode: 'InvalidTargetPort', failureMessage: 'A Lambda target takes no port.' });
      continue;
    }
    const port = type === 'LAMBDA' ? undefined : (target.port ?? defaultPort);
    const key = targetKey(tg.arn as string, target.id, port);
    const existing = ctx.store.get(key);
    if (existing && existing.deregisteredAt === undefined && !isGone(existing, ctx.now)) {
      successful.push({ id: target.id, ...(port !== undefined ? { port } : {}) });
      continue;
    }
    if (type === 'LAMBDA' && count >= 1) {
      unsuccessful.push({ id: target.id, failureCode: 'TargetLimitExceeded', failureMessage: 'A LAMBDA target group holds one function.' });
      continue;
    }
    if (limit !== undefined && count >= limit) {
      throw quotaExceeded('TARGET', 'L-D71303F3', `You have reached the quota for targets per target group (${limit}).`, tg.id as string);
    }
    ctx.store.put({
      key,
      kind: TARGET_KIND,
      account: tg.account,
      region: tg.region,
      targetGroupArn: tg.arn,
      targetId: target.id,
      port,
      registeredAt: ctx.now,
      ...(existing?.health ? { health: existing.health, reasonCode: existing.reasonCode } : {}),
    });
    count++;
    successful.push({ id: target.id, ...(port !== undefined ? { port } : {}) });
  }
  return { successful, unsuccessful };
};

export const deregisterTargets: Handler = (ctx) => {
  const tg = ownedTargetGroup(ctx);
  const defaultPort = tg.type === 'LAMBDA' ? undefined : (tg.config as TargetGroupConfig | undefined)?.port;
  const successful: Target[] = [];
  const unsuccessful: unknown[] = [];
  for (const target of ctx.input.targets as Target[]) {
    const port = tg.type === 'LAMBDA' ? undefined : (target.port ?? defaultPort);
    const record = ctx.store.get(targetKey(tg.arn as string, target.id, port));
    if (!record || isGone(record, ctx.now)) {
      unsuccessful.push({ id: target.id, port: target.port, failureCode: 'TargetNotFound', failureMessage: `Target ${target.id} is not registered with ${tg.id}.` });
      continue;
    }
    if (record.deregisteredAt === undefined) {
      const delay = ctx.config.activationDelayMs;
      if (delay === 0) ctx.store.remove(record.key);
      else ctx.store.put({ ...record, deregisteredAt: ctx.now, goneAt: ctx.now + delay });
    }
    successful.push({ id: target.id, ...(port !== undefined ? { port } : {}) });
  }
  return { successful, unsuccessful };
};

export const listTargets: Handler = (ctx) => {
  const tg = resolve(ctx, targetGroupKind, ctx.input.targetGroupIdentifier);
  const wanted = (ctx.input.targets as Target[] | undefined)?.map((t) => `${t.id}/${t.port ?? ''}`);
  const page = listPage(ctx, {
    sources: [ctx.store.byIndex(TARGET_KIND, 'targetGroup', tg.arn as string)],
    filter: (t) => !wanted || wanted.includes(`${t.targetId}/${t.port ?? ''}`) || wanted.includes(`${t.targetId}/`),
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return {
    items: page.items.map((t) => ({ id: t.targetId, port: t.port, ...targetHealth(ctx, tg, t) })),
    nextToken: page.nextToken,
  };
};

/** Sets what a registered target reports (seeds make some UNHEALTHY); undefined health clears it. */
export function setTargetHealth(
  store: Store,
  target: { targetGroupArn: string; id: string; port?: number },
  health: 'HEALTHY' | 'UNHEALTHY' | 'UNAVAILABLE' | 'INITIAL' | 'DRAINING' | 'UNUSED' | undefined,
  reasonCode?: string,
): void {
  const tg = store.get(target.targetGroupArn);
  if (!tg || tg.kind !== targetGroupKind.kind) throw new Error(`setTargetHealth: no target group ${target.targetGroupArn}`);
  const port = tg.type === 'LAMBDA' ? undefined : (target.port ?? (tg.config as TargetGroupConfig | undefined)?.port);
  const record = store.get(targetKey(target.targetGroupArn, target.id, port));
  if (!record) throw new Error(`setTargetHealth: ${target.id}${port ? `:${port}` : ''} is not registered with ${target.targetGroupArn}`);
  store.transaction(() => store.put({ ...record, health, reasonCode: health ? (reasonCode ?? (health === 'UNHEALTHY' ? 'HealthCheckFailed' : undefined)) : undefined }));
}
