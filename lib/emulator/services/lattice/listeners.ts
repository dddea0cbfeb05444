// Listeners and their rules (including each listener's default rule), and the actions they
// forward with.
import { conflict, notFound, validationError } from '../../protocols/errors';
import type { StoredRecord } from '../../store/index';
import { createRecord, deleteRecord, isGone, isLive, listPage, replayed, resolve, stableHex, statusOf, updateRecord } from '../resources';
import type { Handler, OperationContext } from '../types';
import { cascade, invalidField, requireActive, requireNotDeleting } from './common';
import { listenerKind, ruleKind, serviceKind, targetGroupKind, targetGroupsOf } from './kinds';

type RuleAction = {
  forward?: { targetGroups: { targetGroupIdentifier: string; weight?: number }[] };
  fixedResponse?: { statusCode: number };
};

/** The services that forward to a target group (through listener default actions or rules). */
export function servicesUsing(ctx: OperationContext, targetGroup: StoredRecord): string[] {
  const arns = new Set<string>();
  for (const kind of [listenerKind, ruleKind]) {
    for (const record of ctx.store.byIndex(kind.kind, 'targetGroup', targetGroup.id as string)) {
      if (isLive(record, ctx.now)) arns.add(record.serviceArn as string);
    }
  }
  return [...arns];
}

/** Checks an action against the listener protocol and the caller's target groups; ids normalized. */
function checkAction(ctx: OperationContext, field: string, action: RuleAction, service: StoredRecord, protocol: string): RuleAction {
  if (action.fixedResponse) {
    if (protocol === 'TLS_PASSTHROUGH') invalidField(`${field}.fixedResponse`, 'A TLS_PASSTHROUGH listener can only forward to target groups.');
    return { fixedResponse: { statusCode: action.fixedResponse.statusCode } };
  }
  const groups = action.forward!.targetGroups;
  const seen = new Set<string>();
  const normalized = groups.map((entry, i) => {
    const tg = resolve(ctx, targetGroupKind, entry.targetGroupIdentifier);
    if (seen.has(tg.id as string)) invalidField(`${field}.forward.targetGroups[${i}]`, `Target group ${tg.id} appears more than once.`);
    seen.add(tg.id as string);
    requireActive(ctx, targetGroupKind, tg);
    const config = (tg.config ?? {}) as { protocol?: string };
    if (protocol === 'TLS_PASSTHROUGH' && config.protocol !== 'TCP') {
      invalidField(`${field}.forward.targetGroups[${i}]`, `A TLS_PASSTHROUGH listener needs a TCP target group; ${tg.id} is ${tg.type}${config.protocol ? `/${config.protocol}` : ''}.`);
    }
    if (protocol !== 'TLS_PASSTHROUGH' && config.protocol === 'TCP') {
      invalidField(`${field}.forward.targetGroups[${i}]`, `An ${protocol} listener cannot forward to the TCP target group ${tg.id}.`);
    }
    const others = servicesUsing(ctx, tg).filter((arn) => arn !== service.arn);
    if (others.length) {
      throw conflict(tg.id as string, targetGroupKind.resourceType, `Target group ${tg.id} is already used by ${others[0]}; a target group serves one service.`);
    }
    if (entry.weight === undefined && groups.length > 1) {
      invalidField(`${field}.forward.targetGroups[${i}].weight`, 'A weight is required when forwarding to several target groups.');
    }
    return { targetGroupIdentifier: tg.id as string, weight: entry.weight ?? 100 };
  });
  return { forward: { targetGroups: normalized } };
}

function ownedService(ctx: OperationContext): StoredRecord {
  return resolve(ctx, serviceKind, ctx.input.serviceIdentifier);
}

function readableService(ctx: OperationContext): StoredRecord {
  return resolve(ctx, serviceKind, ctx.input.serviceIdentifier, { allow: ['owner', 'shared'] });
}

/** The listener of `service` an identifier names. */
function listenerOf(ctx: OperationContext, service: StoredRecord, identifier: string): StoredRecord {
  for (const record of ctx.store.byIndex(listenerKind.kind, 'service', service.arn as string)) {
    if (!isGone(record, ctx.now) && (record.id === identifier || record.arn === identifier)) return record;
  }
  throw notFound(identifier, listenerKind.resourceType);
}

// ---- Listeners ----------------------------------------------------------------------------------

export const createListener: Handler = (ctx) => {
  const service = ownedService(ctx);
  requireNotDeleting(ctx, serviceKind, service, 'create a listener');
  const input = ctx.input as { name: string; protocol: string; port?: number; defaultAction: RuleAction; tags?: Record<string, string> };
  const previous = replayed(ctx, listenerKind, ctx.input.clientToken);
  if (previous) return previous;
  const port = input.port ?? (input.protocol === 'HTTP' ? 80 : 443);
  for (const other of ctx.store.byIndex(listenerKind.kind, 'service', service.arn as string)) {
    if (!isGone(other, ctx.now) && other.port === port) {
      throw conflict(other.id as string, listenerKind.resourceType, `Service ${service.id} already has listener ${other.id} on port ${port}.`);
    }
  }
  const defaultAction = checkAction(ctx, 'defaultAction', input.defaultAction, service, input.protocol);
  return createRecord(
    ctx,
    listenerKind,
    { name: input.name, protocol: input.protocol, port, defaultAction, serviceArn: service.arn, serviceId: service.id, tags: input.tags },
    { parent: service, name: input.name, shareRoot: service.arn as string },
  );
};

export const getListener: Handler = (ctx) => listenerOf(ctx, readableService(ctx), ctx.input.listenerIdentifier);

export const listListeners: Handler = (ctx) => {
  const service = readableService(ctx);
  return listPage(ctx, {
    sources: [ctx.store.byIndex(listenerKind.kind, 'service', service.arn as string)],
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
};

export const updateListener: Handler = (ctx) => {
  const service = ownedService(ctx);
  requireNotDeleting(ctx, serviceKind, service, 'update a listener');
  const listener = listenerOf(ctx, service, ctx.input.listenerIdentifier);
  const defaultAction = checkAction(ctx, 'defaultAction', ctx.input.defaultAction, service, listener.protocol as string);
  return updateRecord(ctx, listener, { defaultAction });
};

export const deleteListener: Handler = (ctx) => {
  const service = ownedService(ctx);
  const listener = listenerOf(ctx, service, ctx.input.listenerIdentifier);
  cascade(ctx, ruleKind, ctx.store.byIndex(ruleKind.kind, 'listener', listener.arn as string));
  deleteRecord(ctx, listenerKind, listener);
  return {};
};

// ---- Rules --------------------------------------------------------------------------------------

/** The default rule every listener has: its default action, no match, no priority. */
function defaultRule(listener: StoredRecord): StoredRecord {
  const id = `rule-${stableHex(`default-rule|${listener.id}`, 17)}`;
  return {
    key: `${listener.arn}/rule/${id}`,
    kind: ruleKind.kind,
    account: listener.account,
    region: listener.region,
    seq: listener.seq,
    id,
    arn: `${listener.arn}/rule/${id}`,
    name: 'default',
    isDefault: true,
    action: listener.defaultAction,
    createdAt: listener.createdAt,
    lastUpdatedAt: listener.lastUpdatedAt,
  };
}

function ruleOf(ctx: OperationContext, listener: StoredRecord, identifier: string): StoredRecord {
  const fallback = defaultRule(listener);
  if (fallback.id === identifier || fallback.arn === identifier) return fallback;
  for (const record of ctx.store.byIndex(ruleKind.kind, 'listener', listener.arn as string)) {
    if (!isGone(record, ctx.now) && (record.id === identifier || record.arn === identifier)) return record;
  }
  throw notFound(identifier, ruleKind.resourceType);
}

function requirePriorityFree(ctx: OperationContext, listener: StoredRecord, priority: number, except?: string): void {
  for (const other of ctx.store.byIndex(ruleKind.kind, 'listener', listener.arn as string)) {
    if (!isGone(other, ctx.now) && other.priority === priority && other.id !== except) {
      throw conflict(other.id as string, ruleKind.resourceType, `Listener ${listener.id} already has rule ${other.id} at priority ${priority}.`);
    }
  }
}

function checkMatch(field: string, match: { httpMatch?: { method?: string; pathMatch?: unknown; headerMatches?: unknown[] } }): void {
  const http = match.httpMatch;
  if (!http || (http.method === undefined && http.pathMatch === undefined && !http.headerMatches?.length)) {
    invalidField(`${field}.httpMatch`, 'A rule must match on a method, a path or headers.');
  }
}

function ruleView(rule: StoredRecord): StoredRecord {
  return { ...rule, isDefault: rule.isDefault ?? false };
}

export const createRule: Handler = (ctx) => {
  const service = ownedService(ctx);
  requireNotDeleting(ctx, serviceKind, service, 'create a rule');
  const listener = listenerOf(ctx, service, ctx.input.listenerIdentifier);
  const input = ctx.input as { name: string; match: { httpMatch?: object }; priority: number; action: RuleAction; tags?: Record<string, string> };
  const previous = replayed(ctx, ruleKind, ctx.input.clientToken);
  if (previous) return ruleView(previous);
  if (listener.protocol === 'TLS_PASSTHROUGH') invalidField('listenerIdentifier', 'A TLS_PASSTHROUGH listener has only its default rule.');
  checkMatch('match', input.match);
  requirePriorityFree(ctx, listener, input.priority);
  const action = checkAction(ctx, 'action', input.action, service, listener.protocol as string);
  const rule = createRecord(
    ctx,
    ruleKind,
    {
      name: input.name,
      match: input.match,
      priority: input.priority,
      action,
      isDefault: false,
      listenerArn: listener.arn,
      listenerId: listener.id,
      serviceArn: service.arn,
      serviceId: service.id,
      tags: input.tags,
    },
    { parent: listener, name: input.name, shareRoot: service.arn as string },
  );
  return ruleView(rule);
};

export const getRule: Handler = (ctx) => {
  const listener = listenerOf(ctx, readableService(ctx), ctx.input.listenerIdentifier);
  return ruleView(ruleOf(ctx, listener, ctx.input.ruleIdentifier));
};

export const listRules: Handler = (ctx) => {
  const listener = listenerOf(ctx, readableService(ctx), ctx.input.listenerIdentifier);
  const page = listPage(ctx, {
    sources: [[defaultRule(listener)], ctx.store.byIndex(ruleKind.kind, 'listener', listener.arn as string)],
    maxResults: ctx.input.maxResults,
    nextToken: ctx.input.nextToken,
  });
  return { items: page.items.map(ruleView), nextToken: page.nextToken };
};

type RuleUpdate = { ruleIdentifier: string; match?: { httpMatch?: object }; priority?: number; action?: RuleAction };

function applyRuleUpdate(ctx: OperationContext, service: StoredRecord, listener: StoredRecord, update: RuleUpdate, field: string): StoredRecord {
  const rule = ruleOf(ctx, listener, update.ruleIdentifier);
  if (rule.isDefault) invalidField(`${field}ruleIdentifier`, 'The default rule cannot be modified; update the listener\'s default action instead.');
  const patch: Record<string, unknown> = {};
  if (update.match !== undefined) {
    checkMatch(`${field}match`, update.match);
    patch.match = update.match;
  }
  if (update.priority !== undefined) {
    requirePriorityFree(ctx, listener, update.priority, rule.id as string);
    patch.priority = update.priority;
  }
  if (update.action !== undefined) patch.action = checkAction(ctx, `${field}action`, update.action, service, listener.protocol as string);
  return updateRecord(ctx, rule, patch);
}

export const updateRule: Handler = (ctx) => {
  const service = ownedService(ctx);
  requireNotDeleting(ctx, serviceKind, service, 'update a rule');
  const listener = listenerOf(ctx, service, ctx.input.listenerIdentifier);
  return ruleView(applyRuleUpdate(ctx, service, listener, ctx.input as RuleUpdate, ''));
};

export const batchUpdateRule: Handler = (ctx) => {
  const service = ownedService(ctx);
  requireNotDeleting(ctx, serviceKind, service, 'update rules');
  const listener = listenerOf(ctx, service, ctx.input.listenerIdentifier);
  const updates = ctx.input.rules as RuleUpdate[];
  // Priorities are checked against the batch's end state, so two rules can swap priorities.
  const finalPriority = new Map<string, number>();
  for (const record of ctx.store.byIndex(ruleKind.kind, 'listener', listener.arn as string)) {
    if (!isGone(record, ctx.now)) finalPriority.set(record.id as string, record.priority as number);
  }
  const resolved = updates.map((u) => {
    try {
      return ruleOf(ctx, listener, u.ruleIdentifier);
    } catch {
      return undefined;
    }
  });
  updates.forEach((u, i) => {
    if (resolved[i] && u.priority !== undefined) finalPriority.set(resolved[i]!.id as string, u.priority);
  });
  const successful: unknown[] = [];
  const unsuccessful: unknown[] = [];
  updates.forEach((update, i) => {
    const rule = resolved[i];
    const fail = (failureCode: string, failureMessage: string) => unsuccessful.push({ ruleIdentifier: update.ruleIdentifier, failureCode, failureMessage });
    if (!rule) return fail('ResourceNotFoundException', `Rule ${update.ruleIdentifier} not found in listener ${listener.id}`);
    if (update.priority !== undefined) {
      const clash = [...finalPriority].find(([id, p]) => id !== rule.id && p === update.priority);
      if (clash) return fail('ConflictException', `Priority ${update.priority} would also be used by rule ${clash[0]}`);
    }
    try {
      const { priority, ...rest } = update;
      let updated = applyRuleUpdate(ctx, service, listener, rest, `rules[${i}].`);
      if (priority !== undefined) updated = updateRecord(ctx, updated, { priority });
      successful.push(ruleView(updated));
    } catch (error) {
      const e = error as { name?: string; message?: string };
      fail(e.name ?? 'ValidationException', e.message ?? String(error));
    }
  });
  return { successful, unsuccessful };
};

export const deleteRule: Handler = (ctx) => {
  const service = ownedService(ctx);
  const listener = listenerOf(ctx, service, ctx.input.listenerIdentifier);
  const rule = ruleOf(ctx, listener, ctx.input.ruleIdentifier);
  if (rule.isDefault) throw validationError('The default rule of a listener cannot be deleted.', [{ name: 'ruleIdentifier', message: 'is the default rule' }]);
  deleteRecord(ctx, ruleKind, rule);
  return {};
};

export { targetGroupsOf };
