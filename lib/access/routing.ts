// Layer 4: where the request goes once it is in. The listener by protocol and port; rules by
// priority, lowest first, the default rule last; every match field that is set must match;
// forward splits by weight, or a fixed response answers. Sources: VPC Lattice User Guide,
// listener-rules.html, target-group-health-checks.html; API HttpMatch, HeaderMatch, PathMatch,
// WeightedTargetGroup (README.md, R1–R9).
import type { Json, JsonObject, TopologyNode } from '@/lib/topology/types';
import type { AccessRoute, AccessStep, AccessTarget } from './types';
import { edgeId, label, shortId, type AccessModel } from './model';

const obj = (v: Json | undefined): JsonObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

export interface RoutingAnswer {
  /** The listener that takes the request, if any. */
  listener?: TopologyNode;
  /** 'HTTP' | 'HTTPS' | 'TLS_PASSTHROUGH' … */
  protocol?: string;
  port?: number;
  ok: boolean;
  step: AccessStep;
  route?: AccessRoute;
  nodes: string[];
  edges: string[];
  failed?: string;
  /** Readings of unsettled rules used. */
  readings: string[];
}

/** The listener a request lands on: by port, else the only one, else HTTPS 443, else HTTP 80. */
export function pickListener(model: AccessModel, service: TopologyNode, port: number | undefined): { listener?: TopologyNode; reason?: string } {
  const listeners = (model.listenersOf.get(service.id) ?? []).slice().sort((a, b) => Number(a.description.port ?? 0) - Number(b.description.port ?? 0));
  const portOf = (l: TopologyNode) => (typeof l.description.port === 'number' ? l.description.port : undefined);
  if (!listeners.length) return { reason: `Service ${label(service, service.id)} has no listener, so it takes no requests.` };
  if (port !== undefined) {
    const l = listeners.find((x) => portOf(x) === port);
    return l ? { listener: l } : { reason: `Service ${label(service, service.id)} has no listener on port ${port} (its listeners: ${listeners.map((x) => `${str(x.description.protocol) ?? '?'} ${portOf(x) ?? '?'}`).join(', ')}).` };
  }
  if (listeners.length === 1) return { listener: listeners[0] };
  return { listener: listeners.find((l) => str(l.description.protocol) === 'HTTPS' && portOf(l) === 443) ?? listeners.find((l) => str(l.description.protocol) === 'HTTP' && portOf(l) === 80) ?? listeners[0] };
}

interface MatchResult {
  matched: boolean;
  why: string;
  readings: string[];
}

/** HttpMatch: AND over every field that is set (listener-rules.html; API HttpMatch). */
export function matchRule(match: Json | undefined, target: AccessTarget): MatchResult {
  const http = obj(obj(match)?.httpMatch);
  const readings: string[] = [];
  if (!http) return { matched: true, why: 'it has no conditions', readings };
  const parts: string[] = [];
  if (typeof http.method === 'string') {
    // Method: exact and case-sensitive.
    if (http.method !== target.method) return { matched: false, why: `method ${target.method} is not ${http.method}`, readings };
    parts.push(`method ${http.method}`);
  }
  const pm = obj(http.pathMatch);
  if (pm) {
    const m = obj(pm.match);
    const cs = pm.caseSensitive === true;
    if (pm.caseSensitive === undefined) readings.push('a path match without caseSensitive is read as case-insensitive (the API reference is silent; Terraform and CDK document false as the default)');
    const path = cs ? target.path : target.path.toLowerCase();
    const exact = str(m?.exact);
    const prefix = str(m?.prefix);
    if (exact !== undefined) {
      if (path !== (cs ? exact : exact.toLowerCase())) return { matched: false, why: `path ${target.path} is not ${exact}`, readings };
      parts.push(`path = ${exact}`);
    } else if (prefix !== undefined) {
      if (!path.startsWith(cs ? prefix : prefix.toLowerCase())) return { matched: false, why: `path ${target.path} does not start with ${prefix}`, readings };
      parts.push(`path ${prefix}*`);
    }
  }
  const headers = Array.isArray(http.headerMatches) ? http.headerMatches : [];
  const sent = new Map(Object.entries(target.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  for (const h of headers) {
    const hm = obj(h);
    const name = str(hm?.name);
    const m = obj(hm?.match);
    if (!hm || !name || !m) continue;
    // Header names never depend on case; values do only with caseSensitive: true (API HeaderMatch, listener-rules.html).
    const value = sent.get(name.toLowerCase());
    if (value === undefined) return { matched: false, why: `header ${name} is not sent`, readings };
    const cs = hm.caseSensitive === true;
    const v = cs ? value : value.toLowerCase();
    const norm = (x: string) => (cs ? x : x.toLowerCase());
    const exact = str(m.exact);
    const prefix = str(m.prefix);
    const contains = str(m.contains);
    const ok = exact !== undefined ? v === norm(exact) : prefix !== undefined ? v.startsWith(norm(prefix)) : contains !== undefined ? v.includes(norm(contains)) : false;
    const wanted = exact !== undefined ? `= ${exact}` : prefix !== undefined ? `starting with ${prefix}` : `containing ${contains}`;
    if (!ok) return { matched: false, why: `header ${name}: ${value} is not ${wanted}${cs ? ' (case-sensitive)' : ''}`, readings };
    parts.push(`header ${name} ${wanted}`);
  }
  return { matched: true, why: parts.length ? parts.join(', ') : 'it has no conditions', readings };
}

/** Whether Lattice sends traffic to a target of this status (target-group-health-checks.html). */
export function targetTakesTraffic(t: TopologyNode): boolean {
  const s = (t.status || '').toUpperCase();
  if (s === 'HEALTHY') return true;
  // Lambda and ALB targets, and groups with checks off, report UNAVAILABLE with HealthCheckDisabled: traffic flows.
  if (s === 'UNAVAILABLE' && /HealthCheckDisabled/i.test(String(t.description.reasonCode ?? ''))) return true;
  return false;
}

export function routeRequest(model: AccessModel, service: TopologyNode, target: AccessTarget): RoutingAnswer {
  const readings: string[] = [];
  const picked = pickListener(model, service, target.port);
  if (!picked.listener) {
    return { ok: false, step: { check: 'routing', result: 'fail', resource: service.id, detail: picked.reason! }, nodes: [service.id], edges: [], failed: service.id, readings };
  }
  const listener = picked.listener;
  const protocol = str(listener.description.protocol) ?? 'HTTP';
  const port = typeof listener.description.port === 'number' ? listener.description.port : undefined;
  const nodes = [listener.id];
  const edges = [edgeId(model, 'serviceListener', service.id, listener.id)].filter((x): x is string => !!x);
  const rules = model.rulesOf.get(listener.id) ?? [];
  const ordered = rules
    .filter((r) => r.description.isDefault !== true)
    .sort((a, b) => Number(a.description.priority ?? 0) - Number(b.description.priority ?? 0));
  const defaultRule = rules.find((r) => r.description.isDefault === true);
  let chosen: TopologyNode | undefined;
  let action: Json | undefined;
  let why = '';
  const skipped: string[] = [];
  if (protocol !== 'TLS_PASSTHROUGH') {
    for (const r of ordered) {
      const m = matchRule(r.description.match, target);
      readings.push(...m.readings);
      if (m.matched) {
        chosen = r;
        action = r.description.action;
        why = `rule ${r.name} (priority ${String(r.description.priority ?? '?')}) matches: ${m.why}`;
        break;
      }
      skipped.push(`${r.name} (${String(r.description.priority ?? '?')}): ${m.why}`);
    }
  }
  if (!chosen) {
    chosen = defaultRule;
    action = listener.description.defaultAction;
    why = `no rule matches${skipped.length ? ` (${skipped.join('; ')})` : ''}, so the default action applies`;
  }
  const ruleId = chosen?.id ?? listener.id;
  if (chosen) {
    nodes.push(chosen.id);
    const e = edgeId(model, 'listenerRule', listener.id, chosen.id);
    if (e) edges.push(e);
  }
  const listenerText = `${protocol} listener ${listener.name} on port ${port ?? '?'}`;
  const a = obj(action);
  const fixed = obj(a?.fixedResponse);
  if (fixed) {
    return {
      listener,
      protocol,
      port,
      ok: false,
      failed: ruleId,
      nodes,
      edges,
      readings,
      route: { listener: listener.id, rule: ruleId, targetGroups: [] },
      step: { check: 'routing', result: 'fail', resource: ruleId, detail: `On the ${listenerText}, ${why}; it answers with a fixed response ${String(fixed.statusCode)} and the request reaches no target.` },
    };
  }
  const fwd = obj(a?.forward);
  const groups = Array.isArray(fwd?.targetGroups) ? fwd!.targetGroups : [];
  if (!groups.length) {
    return { listener, protocol, port, ok: false, failed: ruleId, nodes, edges, readings, step: { check: 'routing', result: 'fail', resource: ruleId, detail: `On the ${listenerText}, ${why}, but its action forwards nowhere.` } };
  }
  const resolved = groups.map((g) => {
    const wtg = obj(g) ?? {};
    const ref = str(wtg.targetGroupIdentifier) ?? '';
    const tg = model.targetGroupByRef.get(ref) ?? model.targetGroupByRef.get(`${listener.account}:${ref}`);
    // The API defaults a lone target group's weight to 100 (API WeightedTargetGroup).
    const weight = typeof wtg.weight === 'number' ? wtg.weight : 100;
    return { ref, tg, arn: tg?.id ?? ref, weight };
  });
  const total = resolved.reduce((s, g) => s + g.weight, 0);
  const targetGroups = resolved.map((g) => ({ arn: g.arn, weight: g.weight, share: total > 0 ? g.weight / total : 0 }));
  const route: AccessRoute = { listener: listener.id, rule: ruleId, targetGroups };
  const source = chosen && chosen.description.isDefault !== true ? chosen.id : listener.id;
  for (const g of resolved) {
    if (g.weight <= 0) continue;
    nodes.push(g.arn);
    const e = edgeId(model, 'forward', source, g.arn);
    if (e) edges.push(e);
  }
  if (total <= 0) {
    readings.push('every weight is 0: read as no traffic at all (AWS does not document all-zero weights)');
    return { listener, protocol, port, ok: false, failed: ruleId, nodes, edges, readings, route, step: { check: 'routing', result: 'fail', resource: ruleId, detail: `On the ${listenerText}, ${why}; every target group has weight 0, so no traffic is sent (a reading: AWS does not document all-zero weights).` } };
  }
  const parts: string[] = [];
  const dead: string[] = [];
  let deadShare = 0;
  for (const g of resolved) {
    const share = g.weight / total;
    const name = label(g.tg, g.arn);
    if (g.weight === 0) {
      parts.push(`${name} weight 0 (gets nothing)`);
      continue;
    }
    if (!g.tg) {
      parts.push(`${name} ${Math.round(share * 100)}% (not in the estate)`);
      dead.push(name);
      deadShare += share;
      continue;
    }
    const targets = model.targetsOf.get(g.tg.id) ?? [];
    const usable = targets.filter(targetTakesTraffic).length;
    const status = /^active$/i.test(g.tg.status) || !g.tg.status ? '' : `, group ${g.tg.status}`;
    parts.push(`${name} ${Math.round(share * 100)}% (${usable} of ${targets.length} targets taking traffic${status})`);
    if (usable === 0 || (g.tg.status && !/^active$/i.test(g.tg.status))) {
      dead.push(name);
      deadShare += share;
    }
  }
  const base = `On the ${listenerText}, ${why}; it forwards to ${parts.join(', ')}`;
  if (dead.length && deadShare >= 0.999999) {
    readings.push('a target group with no healthy target is read as failing its requests (fail-open when every target is unhealthy is documented for ALB, not for Lattice)');
    return { listener, protocol, port, ok: false, failed: resolved.find((g) => g.weight > 0)?.arn ?? ruleId, nodes, edges, readings, route, step: { check: 'routing', result: 'fail', resource: ruleId, detail: `${base}. There is no healthy target in ${dead.join(', ')}, so the request fails (a reading: Lattice does not document failing open as ALB does).` } };
  }
  const flag = dead.length ? ` Warning: ${dead.join(', ')} ${dead.length === 1 ? 'has' : 'have'} no healthy target, so about ${Math.round(deadShare * 100)}% of requests would fail.` : '';
  return { listener, protocol, port, ok: true, nodes, edges, readings, route, step: { check: 'routing', result: 'pass', resource: ruleId, detail: `${base}.${flag}` } };
}

export { shortId };
