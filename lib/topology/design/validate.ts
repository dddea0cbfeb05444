// Design validation: every field against the constraints of the API call that will carry it
// (read from the service models, never re-typed), then Lattice's own rules, which no
// single request can check: one service network per VPC, target groups in their service's
// account, listener and rule quotas, unique rule priorities, auth policy size, immutable
// fields that force a replacement.
import { buildValidator, type Validator } from '@/lib/models';
import type { Json, JsonObject } from '../types';
import { activeRecords, getIn } from './commands';
import { compareSpecs, specInKeySpace } from './compare';
import { DESIGN_KIND_INFO, inputShapeOf, parentRefOf, recordName, refValues, updatableFields } from './kinds';
import { policyDocumentProblem, ROLE_INLINE_POLICY_MAX_CHARS } from './iam-policies';
import { destinationArnProblem, lambdaTargetProblem } from './pickers';
import { createKeyResolver, type KeyResolver } from './keys';
import { MODEL_SHAPES, plainRule, shapeAt, sliceAsModel } from './model-shapes';
import type { Design, DesignKind, DesignRecord } from './types';

export interface DesignIssue {
  recordId: string;
  /** The spec field (`config.port`, `tags[team]`), or '' for the record as a whole. */
  path: string;
  /** The rule that is broken, in words a user can act on. */
  rule: string;
  severity: 'error' | 'warning';
  /** Where the rule comes from: the API's model, Lattice's documented behaviour, or the design itself. */
  source: 'model' | 'lattice' | 'design';
  /** A short id for the rule, stable for tests and filters. */
  code: string;
}

/** Lattice's default quotas that a design can break (Service Quotas codes). */
export const LATTICE_QUOTAS = {
  listenersPerService: { code: 'L-D64E952E', value: 2 },
  rulesPerListener: { code: 'L-CF78395E', value: 10 },
} as const;

/** Auth policies are limited to 10 KB (a hard limit, not adjustable). */
export const AUTH_POLICY_MAX_BYTES = 10 * 1024;

export interface ValidationContext {
  /** The live estate as records (liveRecords(topology)): references to live ARNs, and changes that replace. */
  live?: readonly DesignRecord[];
  quotas?: { listenersPerService?: number; rulesPerListener?: number };
}

const validators = new Map<string, Validator>();
function validatorFor(model: keyof typeof MODEL_SHAPES): Validator {
  let v = validators.get(model);
  if (!v) {
    v = buildValidator(sliceAsModel(MODEL_SHAPES[model]));
    validators.set(model, v);
  }
  return v;
}

function refPattern(path: string): RegExp {
  const source = path
    .split('.')
    .map((part) => (part.endsWith('[]') ? `${part.slice(0, -2).replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}\\[\\d+\\]` : part.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')))
    .join('\\.');
  return new RegExp(`^${source}$`);
}

/** The request a record's create call would send, minus references (checked by the design rules). */
function requestOf(record: DesignRecord): JsonObject {
  const input = structuredClone(record.spec) as JsonObject;
  for (const field of DESIGN_KIND_INFO[record.kind].refs) for (const slot of refValues(input, field.path)) slot.set('');
  if (record.kind === 'serviceNetworkVpcEndpoint') input.VpcEndpointType = 'ServiceNetwork';
  const info = DESIGN_KIND_INFO[record.kind];
  if (record.tags && info.taggable) {
    if (info.tagList) input.Tags = Object.entries(record.tags).map(([Key, Value]) => ({ Key, Value }));
    else input.tags = record.tags;
  }
  return input;
}

/** `config.healthCheck.port`, `targets[0].id` → the path's parts. */
function pathParts(path: string): (string | number)[] {
  return path.split('.').flatMap((part) => {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    return [...(m[1] ? [m[1]] : []), ...[...m[2].matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]))];
  });
}

/** Field issues from the model: the create call's input shape, every constraint on the way down. */
export function modelIssues(record: DesignRecord): DesignIssue[] {
  const info = DESIGN_KIND_INFO[record.kind];
  const shape = inputShapeOf(info, info.create);
  if (!shape) return [];
  const refs = info.refs.map((f) => refPattern(f.path));
  const raw = validatorFor(info.model)(shape, requestOf(record));
  const out: DesignIssue[] = [];
  for (const issue of raw) {
    if (refs.some((r) => r.test(issue.path))) continue;
    // Identifiers of the parent's parent (a rule's service) come from the design, not the form.
    if (issue.rule === 'Member must not be null' && /Identifier$/.test(issue.path) && !(issue.path in record.spec)) continue;
    if (record.kind === 'target' && issue.path === 'targets') continue;
    out.push({ recordId: record.id, path: issue.path, rule: plainRule(issue.rule, shapeAt(info.model, shape, pathParts(issue.path))), severity: 'error', source: 'model', code: 'model' });
  }
  if (record.kind === 'target') {
    // RegisterTargets takes a list; check this target as one of its items.
    const target = { id: record.spec.id, port: record.spec.port } as JsonObject;
    for (const issue of validatorFor('vpc-lattice')('Target', target)) out.push({ recordId: record.id, path: issue.path, rule: plainRule(issue.rule, shapeAt('vpc-lattice', 'Target', pathParts(issue.path))), severity: 'error', source: 'model', code: 'model' });
  }
  return out;
}

function issue(recordId: string, path: string, code: string, rule: string, severity: DesignIssue['severity'] = 'error', source: DesignIssue['source'] = 'lattice'): DesignIssue {
  return { recordId, path, rule, severity, source, code };
}

const KIND_WORDS: Record<DesignKind, string> = Object.fromEntries(Object.values(DESIGN_KIND_INFO).map((i) => [i.kind, i.label.toLowerCase()])) as Record<DesignKind, string>;

function forwardGroups(record: DesignRecord): { index: number; targetGroupIdentifier?: string; weight?: number }[] {
  const field = record.kind === 'listener' ? 'defaultAction' : 'action';
  const groups = getIn(record.spec, [field, 'forward', 'targetGroups']);
  if (!Array.isArray(groups)) return [];
  return groups.map((g, index) => {
    const o = (g && typeof g === 'object' && !Array.isArray(g) ? g : {}) as Record<string, Json>;
    return { index, targetGroupIdentifier: typeof o.targetGroupIdentifier === 'string' ? o.targetGroupIdentifier : undefined, weight: typeof o.weight === 'number' ? o.weight : undefined };
  });
}

function policyBytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** What every rule reads: the design's active records, the live estate, and the key resolvers. */
interface RuleScope {
  design: Design;
  ctx: ValidationContext;
  active: DesignRecord[];
  activeById: Map<string, DesignRecord>;
  liveById: Map<string, DesignRecord>;
  resolver: KeyResolver;
  liveResolver: KeyResolver;
  /** Natural keys of every record in the design (live records under one are replaced by it). */
  designKeys: Set<string>;
  listenerQuota: number;
  ruleQuota: number;
  /** A record by id or ARN, from the design first, else the live estate. */
  kindOf(ref: string | undefined): DesignRecord | undefined;
}

/** Model constraints and references, per record. */
function modelAndReferences({ active, design, liveById, ctx }: RuleScope): DesignIssue[] {
  return active.flatMap((record) => [...modelIssues(record), ...referenceIssues(record, design, liveById, ctx.live !== undefined)]);
}

/** The rules a design is checked against, in the order their issues are listed. */
export const DESIGN_RULES: readonly { name: string; check: (scope: RuleScope) => DesignIssue[] }[] = [
  { name: 'model and references', check: modelAndReferences },
  { name: 'unique names', check: uniqueNames },
  { name: "children in their parent's account", check: childrenInParentAccount },
  { name: 'one service network per VPC', check: oneNetworkPerVpc },
  { name: 'listener and rule limits', check: listenerAndRuleLimits },
  { name: 'forwards', check: forwards },
  { name: 'a target group serves one service', check: targetGroupServesOneService },
  { name: 'target group configuration', check: targetGroupConfig },
  { name: 'resource configurations', check: resourceConfigurations },
  { name: 'auth policies', check: authPolicies },
  { name: 'changes the live resource cannot take in place', check: inPlaceChanges },
  { name: 'IAM policy documents', check: iamPolicyDocuments },
  { name: 'access-log destinations and Lambda targets', check: destinationsAndFunctions },
];

/** An access-log destination of a kind Lattice delivers to, and LAMBDA targets named by function ARN. */
function destinationsAndFunctions({ active, kindOf }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  for (const r of active) {
    if (r.kind === 'accessLogSubscription' && typeof r.spec.destinationArn === 'string') {
      const problem = destinationArnProblem(r.spec.destinationArn);
      // The model's own constraints are reported with the other model issues.
      if (problem && !problem.startsWith('Member must')) out.push(issue(r.id, 'destinationArn', 'access-log-destination', problem));
    }
    if (r.kind === 'target' && typeof r.spec.id === 'string' && kindOf(String(r.spec.targetGroupIdentifier ?? ''))?.spec.type === 'LAMBDA') {
      const problem = lambdaTargetProblem(r.spec.id);
      if (problem) out.push(issue(r.id, 'id', 'lambda-target', problem));
    }
  }
  return out;
}

/** Trust and identity policies that IAM would refuse, and a role's inline policies over IAM's size quota. */
function iamPolicyDocuments({ active }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  const inlineChars = new Map<string, { ids: string[]; chars: number }>();
  for (const r of active) {
    const field = r.kind === 'iamRole' ? 'AssumeRolePolicyDocument' : r.kind === 'iamRolePolicy' ? 'PolicyDocument' : undefined;
    if (!field) continue;
    const problem = policyDocumentProblem(r.spec[field], r.kind === 'iamRole' ? 'trust' : 'identity');
    if (problem) out.push(issue(r.id, field, 'iam-policy-document', problem, 'error', 'design'));
    if (r.kind === 'iamRolePolicy' && typeof r.spec.PolicyDocument === 'string') {
      const role = String(r.spec.RoleName ?? '');
      const entry = inlineChars.get(role) ?? { ids: [], chars: 0 };
      entry.ids.push(r.id);
      entry.chars += r.spec.PolicyDocument.replace(/\s/g, '').length;
      inlineChars.set(role, entry);
    }
  }
  for (const { ids, chars } of inlineChars.values()) {
    if (chars <= ROLE_INLINE_POLICY_MAX_CHARS) continue;
    for (const id of ids) out.push(issue(id, 'PolicyDocument', 'iam-inline-size', `A role's inline policies total at most ${ROLE_INLINE_POLICY_MAX_CHARS} characters without whitespace; these total ${chars}.`, 'error', 'design'));
  }
  return out;
}

/** Every issue of a design: model constraints, references, and Lattice's rules. */
export function validateDesign(design: Design, ctx: ValidationContext = {}): DesignIssue[] {
  const active = activeRecords(design);
  const activeById = new Map(active.map((r) => [r.id, r]));
  const liveById = new Map((ctx.live ?? []).map((r) => [r.id, r]));
  const resolver = createKeyResolver(new Map(Object.entries(design.records)), liveById);
  const scope: RuleScope = {
    design,
    ctx,
    active,
    activeById,
    liveById,
    resolver,
    liveResolver: createKeyResolver(liveById),
    designKeys: new Set([...Object.values(design.records)].map((r) => resolver.keyOfRecord(r))),
    listenerQuota: ctx.quotas?.listenersPerService ?? LATTICE_QUOTAS.listenersPerService.value,
    ruleQuota: ctx.quotas?.rulesPerListener ?? LATTICE_QUOTAS.rulesPerListener.value,
    kindOf: (ref) => (ref ? (activeById.get(ref) ?? liveById.get(ref)) : undefined),
  };
  return DESIGN_RULES.flatMap((rule) => rule.check(scope));
}

/** Names are unique per account and Region (listeners per service, rules per listener). */
function uniqueNames({ active }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  const names = new Map<string, DesignRecord[]>();
  for (const r of active) {
    // IAM names are unique in the account, ignoring case.
    const global = DESIGN_KIND_INFO[r.kind].global;
    const name = global ? recordName(r).toLowerCase() : r.spec.name;
    if (typeof name !== 'string' || !name) continue;
    const parent = parentRefOf(r.kind);
    const scope = parent ? String(refValues(r.spec, parent.path)[0]?.value ?? '') : global ? r.account : `${r.account}:${r.region}`;
    const key = `${r.kind}|${scope}|${name}`;
    names.set(key, [...(names.get(key) ?? []), r]);
  }
  for (const group of names.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const global = DESIGN_KIND_INFO[r.kind].global;
      const where = parentRefOf(r.kind) ? `in its ${KIND_WORDS[parentRefOf(r.kind)!.kinds[0]]}` : global ? 'in the account, ignoring case' : 'in its account and Region';
      out.push(issue(r.id, global ? (r.kind === 'iamRole' ? 'RoleName' : 'PolicyName') : 'name', 'unique-name', `Names are unique ${where}: ${group.length} ${KIND_WORDS[r.kind]}s are named "${recordName(r)}".`));
    }
  }
  return out;
}

/** Children live in their parent's account. */
function childrenInParentAccount({ active, activeById, liveById }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  for (const r of active) {
    const parent = parentRefOf(r.kind);
    if (!parent) continue;
    const ref = refValues(r.spec, parent.path)[0]?.value;
    const owner = typeof ref === 'string' ? (activeById.get(ref) ?? liveById.get(ref)) : undefined;
    if (owner && owner.account && r.account !== owner.account) {
      out.push(issue(r.id, '', 'parent-account', `A ${KIND_WORDS[r.kind]} lives in the account of its ${KIND_WORDS[owner.kind]} (${owner.account}), not ${r.account}.`, 'error', 'design'));
    }
  }
  return out;
}

/** One service network per VPC, counting live associations the design does not replace. */
function oneNetworkPerVpc({ active, ctx, resolver, liveResolver, designKeys }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  const byVpc = new Map<string, { ids: string[]; networks: Set<string> }>();
  const vpcAssociations: { record: DesignRecord; network: string; fromDesign: boolean }[] = [
    ...active.filter((r) => r.kind === 'serviceNetworkVpcAssociation').map((r) => ({ record: r, network: resolver.keyOf(String(r.spec.serviceNetworkIdentifier ?? '')), fromDesign: true })),
    ...(ctx.live ?? [])
      .filter((r) => r.kind === 'serviceNetworkVpcAssociation' && !designKeys.has(liveResolver.keyOfRecord(r)))
      .map((r) => ({ record: r, network: liveResolver.keyOf(String(r.spec.serviceNetworkIdentifier ?? '')), fromDesign: false })),
  ];
  for (const { record, network, fromDesign } of vpcAssociations) {
    const vpc = `${record.account}:${record.region}:${String(record.spec.vpcIdentifier ?? '')}`;
    const entry = byVpc.get(vpc) ?? { ids: [], networks: new Set<string>() };
    if (fromDesign) entry.ids.push(record.id);
    entry.networks.add(network);
    byVpc.set(vpc, entry);
  }
  for (const [vpc, entry] of byVpc) {
    if (entry.networks.size < 2) continue;
    for (const id of entry.ids) {
      out.push(issue(id, 'vpcIdentifier', 'one-network-per-vpc', `A VPC can be associated with only one service network; ${vpc.split(':')[2]} would join ${entry.networks.size}. Use a service-network VPC endpoint to reach more.`));
    }
  }
  return out;
}

/** Listener and rule quotas, and rule priorities unique per listener. */
function listenerAndRuleLimits({ active, listenerQuota, ruleQuota }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  const listenersPer = new Map<string, DesignRecord[]>();
  const rulesPer = new Map<string, DesignRecord[]>();
  for (const r of active) {
    if (r.kind === 'listener') {
      const svc = String(r.spec.serviceIdentifier ?? '');
      listenersPer.set(svc, [...(listenersPer.get(svc) ?? []), r]);
    }
    if (r.kind === 'rule') {
      const l = String(r.spec.listenerIdentifier ?? '');
      rulesPer.set(l, [...(rulesPer.get(l) ?? []), r]);
    }
  }
  for (const [, listeners] of listenersPer) {
    if (listeners.length <= listenerQuota) continue;
    for (const l of listeners.slice(listenerQuota)) {
      out.push(issue(l.id, '', 'listener-quota', `A service has at most ${listenerQuota} listeners (quota ${LATTICE_QUOTAS.listenersPerService.code}); this one is number ${listeners.indexOf(l) + 1}.`));
    }
  }
  for (const [, rules] of rulesPer) {
    if (rules.length > ruleQuota) {
      for (const r of rules.slice(ruleQuota)) out.push(issue(r.id, '', 'rule-quota', `A listener has at most ${ruleQuota} rules (quota ${LATTICE_QUOTAS.rulesPerListener.code}); this one is number ${rules.indexOf(r) + 1}.`));
    }
    const byPriority = new Map<number, DesignRecord[]>();
    for (const r of rules) if (typeof r.spec.priority === 'number') byPriority.set(r.spec.priority, [...(byPriority.get(r.spec.priority) ?? []), r]);
    for (const [priority, same] of byPriority) {
      if (same.length > 1) for (const r of same) out.push(issue(r.id, 'priority', 'rule-priority-unique', `Rule priorities are unique per listener: ${same.length} rules have priority ${priority}.`));
    }
  }
  return out;
}

/** Forwards: a target group in its service's account, of a protocol the listener can use, with some weight. */
function forwards({ active, kindOf }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  for (const r of active) {
    if (r.kind !== 'listener' && r.kind !== 'rule') continue;
    const field = r.kind === 'listener' ? 'defaultAction' : 'action';
    const groups = forwardGroups(r);
    const service = r.kind === 'listener' ? kindOf(String(r.spec.serviceIdentifier ?? '')) : kindOf(String(kindOf(String(r.spec.listenerIdentifier ?? ''))?.spec.serviceIdentifier ?? ''));
    const listener = r.kind === 'listener' ? r : kindOf(String(r.spec.listenerIdentifier ?? ''));
    const protocol = listener?.spec.protocol;
    for (const g of groups) {
      const tg = kindOf(g.targetGroupIdentifier);
      if (!tg || tg.kind !== 'targetGroup') continue;
      const path = `${field}.forward.targetGroups[${g.index}].targetGroupIdentifier`;
      const account = service?.account ?? r.account;
      if (tg.account && account && tg.account !== account) {
        out.push(issue(r.id, path, 'tg-account', `A target group must be in the same account as its service: ${String(tg.spec.name)} is in ${tg.account}, the service in ${account}.`));
      }
      const tgProtocol = getIn(tg.spec, ['config', 'protocol']);
      if (protocol === 'TLS_PASSTHROUGH' && tgProtocol !== undefined && tgProtocol !== 'TCP') {
        out.push(issue(r.id, path, 'tls-needs-tcp', `A TLS passthrough listener forwards only to TCP target groups; ${String(tg.spec.name)} is ${String(tgProtocol)}.`));
      }
      if (protocol !== undefined && protocol !== 'TLS_PASSTHROUGH' && tgProtocol === 'TCP') {
        out.push(issue(r.id, path, 'tcp-needs-tls', `TCP target groups can only be used behind TLS passthrough listeners; this listener is ${String(protocol)}.`));
      }
    }
    if (groups.length > 0 && groups.every((g) => g.weight === 0)) {
      out.push(issue(r.id, `${field}.forward.targetGroups`, 'no-traffic', 'Every target group has weight 0: this action sends no traffic anywhere.', 'warning'));
    }
  }
  return out;
}

/** A target group serves one service (counting live listeners the design does not change). */
function targetGroupServesOneService({ active, ctx, resolver, liveResolver, liveById, designKeys, kindOf }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  const serviceOfForward = (r: DesignRecord, find: (ref: string) => DesignRecord | undefined): string | undefined => {
    if (r.kind === 'listener') return typeof r.spec.serviceIdentifier === 'string' ? r.spec.serviceIdentifier : undefined;
    const l = find(String(r.spec.listenerIdentifier ?? ''));
    return l && typeof l.spec.serviceIdentifier === 'string' ? l.spec.serviceIdentifier : undefined;
  };
  const users = new Map<string, Map<string, { name: string; records: string[] }>>();
  const note = (tgKey: string, serviceKey: string, serviceName: string, recordId?: string) => {
    const byService = users.get(tgKey) ?? new Map<string, { name: string; records: string[] }>();
    const entry = byService.get(serviceKey) ?? { name: serviceName, records: [] };
    if (recordId) entry.records.push(recordId);
    byService.set(serviceKey, entry);
    users.set(tgKey, byService);
  };
  for (const r of active) {
    if (r.kind !== 'listener' && r.kind !== 'rule') continue;
    const svc = serviceOfForward(r, kindOf);
    if (!svc) continue;
    for (const g of forwardGroups(r)) if (g.targetGroupIdentifier) note(resolver.keyOf(g.targetGroupIdentifier), resolver.keyOf(svc), String(kindOf(svc)?.spec.name ?? svc), r.id);
  }
  for (const r of ctx.live ?? []) {
    if ((r.kind !== 'listener' && r.kind !== 'rule') || designKeys.has(liveResolver.keyOfRecord(r))) continue;
    const svc = serviceOfForward(r, (ref) => liveById.get(ref));
    if (!svc) continue;
    for (const g of forwardGroups(r)) if (g.targetGroupIdentifier) note(liveResolver.keyOf(g.targetGroupIdentifier), liveResolver.keyOf(svc), String(liveById.get(svc)?.spec.name ?? svc));
  }
  for (const [, byService] of users) {
    if (byService.size < 2) continue;
    const names = [...byService.values()].map((e) => e.name);
    for (const entry of byService.values()) {
      for (const id of entry.records) {
        const others = names.filter((n) => n !== entry.name);
        out.push(issue(id, '', 'tg-one-service', `A target group serves one service: this one is also used by ${others.join(', ')}.`));
      }
    }
  }
  return out;
}

/** Target groups: the configuration their type takes. */
function targetGroupConfig({ active }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  for (const r of active) {
    if (r.kind !== 'targetGroup') continue;
    const type = r.spec.type;
    const config = (r.spec.config ?? {}) as Record<string, Json>;
    if (type === 'LAMBDA') {
      for (const f of ['port', 'protocol', 'vpcIdentifier', 'healthCheck', 'protocolVersion'] as const) {
        if (config[f] !== undefined) out.push(issue(r.id, `config.${f}`, 'lambda-config', `A LAMBDA target group takes no ${f}.`));
      }
    } else if (type !== undefined) {
      for (const f of ['port', 'protocol', 'vpcIdentifier'] as const) {
        if (config[f] === undefined) out.push(issue(r.id, `config.${f}`, 'tg-config', `A ${String(type)} target group needs config.${f}.`));
      }
      if (config.ipAddressType !== undefined && type !== 'IP') out.push(issue(r.id, 'config.ipAddressType', 'tg-config', 'Only IP target groups take an IP address type.'));
      if (type === 'ALB' && config.healthCheck !== undefined) out.push(issue(r.id, 'config.healthCheck', 'tg-config', 'ALB target groups take no health check (the load balancer checks its own targets).'));
    }
  }
  return out;
}

/** Resource configurations: what their type needs and refuses. */
function resourceConfigurations({ active }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  for (const r of active) {
    if (r.kind !== 'resourceConfiguration') continue;
    const type = r.spec.type;
    const has = (f: string) => r.spec[f] !== undefined && r.spec[f] !== null && r.spec[f] !== '';
    if (type === 'CHILD' && !has('resourceConfigurationGroupIdentifier')) out.push(issue(r.id, 'resourceConfigurationGroupIdentifier', 'rc-type', 'A CHILD resource configuration belongs to a GROUP: choose its group.'));
    if (type !== 'CHILD' && has('resourceConfigurationGroupIdentifier')) out.push(issue(r.id, 'resourceConfigurationGroupIdentifier', 'rc-type', 'Only a CHILD resource configuration has a group.'));
    if ((type === 'SINGLE' || type === 'GROUP' || type === 'ARN') && !has('resourceGatewayIdentifier')) out.push(issue(r.id, 'resourceGatewayIdentifier', 'rc-type', `A ${String(type)} resource configuration is reached through a resource gateway: connect one.`));
    if (type === 'GROUP' && has('resourceConfigurationDefinition')) out.push(issue(r.id, 'resourceConfigurationDefinition', 'rc-type', 'A GROUP takes no definition; its CHILD configurations have them.'));
    if ((type === 'SINGLE' || type === 'CHILD' || type === 'ARN') && !has('resourceConfigurationDefinition')) out.push(issue(r.id, 'resourceConfigurationDefinition', 'rc-type', `A ${String(type)} resource configuration needs a definition (DNS name, IP address or ARN).`));
  }
  return out;
}

/** Auth policies: a JSON document within 10 KB, on a resource that enforces it; AWS_IAM without one denies everything. */
function authPolicies({ active, kindOf }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  const policyOn = new Map<string, DesignRecord>();
  for (const r of active) {
    if (r.kind !== 'authPolicy') continue;
    const resource = String(r.spec.resourceIdentifier ?? '');
    policyOn.set(resource, r);
    const text = typeof r.spec.policy === 'string' ? r.spec.policy : JSON.stringify(r.spec.policy ?? '');
    if (!text.trim()) {
      out.push(issue(r.id, 'policy', 'policy-json', 'An auth policy needs a policy document (pick a template to start).'));
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      out.push(issue(r.id, 'policy', 'policy-json', `An auth policy must be valid JSON: ${(err as Error).message}.`));
      continue;
    }
    const bytes = policyBytes(text);
    if (bytes > AUTH_POLICY_MAX_BYTES) out.push(issue(r.id, 'policy', 'policy-size', `An auth policy is at most 10 KB (${AUTH_POLICY_MAX_BYTES} bytes); this one is ${bytes} bytes.`));
    const statements = (parsed as { Statement?: unknown })?.Statement;
    if (!parsed || typeof parsed !== 'object' || statements === undefined) out.push(issue(r.id, 'policy', 'policy-shape', 'An IAM policy document has a Statement (and usually "Version": "2012-10-17").', 'warning'));
    const owner = kindOf(resource);
    if (owner && owner.spec.authType !== 'AWS_IAM') out.push(issue(r.id, 'policy', 'policy-inactive', `The ${KIND_WORDS[owner.kind]} uses auth type ${String(owner.spec.authType ?? 'NONE')}: this policy is kept but not enforced until it is AWS_IAM.`, 'warning'));
  }
  for (const r of active) {
    if ((r.kind === 'service' || r.kind === 'serviceNetwork') && r.spec.authType === 'AWS_IAM' && !policyOn.has(r.id)) {
      out.push(issue(r.id, 'authType', 'iam-without-policy', `With AWS_IAM and no auth policy, the ${KIND_WORDS[r.kind]} denies every request. Add an auth policy.`, 'warning'));
    }
  }
  return out;
}

/** Changes the live resource cannot take in place. */
function inPlaceChanges({ active, ctx, resolver, liveResolver }: RuleScope): DesignIssue[] {
  const out: DesignIssue[] = [];
  if (ctx.live) {
    const liveByKey = new Map<string, DesignRecord>();
    for (const r of ctx.live) liveByKey.set(liveResolver.keyOfRecord(r), r);
    for (const r of active) {
      const live = liveByKey.get(resolver.keyOfRecord(r));
      if (!live) continue;
      out.push(...replacementWarnings(r, live, resolver, liveResolver));
    }
  }
  return out;
}

function replacementWarnings(record: DesignRecord, live: DesignRecord, resolver: KeyResolver, liveResolver: KeyResolver): DesignIssue[] {
  const updatable = updatableFields(record.kind);
  const changes = compareSpecs(record.kind, specInKeySpace(record, resolver), specInKeySpace(live, liveResolver));
  const out: DesignIssue[] = [];
  for (const c of changes) {
    if ([...updatable].some((u) => c.path === u || c.path.startsWith(`${u}.`))) {
      if (record.kind === 'serviceNetworkVpcAssociation' && c.path === 'securityGroupIds' && Array.isArray(c.before) && c.before.length && Array.isArray(c.after) && !c.after.length) {
        out.push(issue(record.id, c.path, 'sg-remove-all', 'Once a VPC association has security groups, they cannot all be removed: the association will be replaced.', 'warning'));
      }
      continue;
    }
    out.push(issue(record.id, c.path, 'replaces', `${c.path} cannot be changed in place: the ${KIND_WORDS[record.kind]} will be replaced (deleted and created again).`, 'warning'));
  }
  return out;
}

function referenceIssues(record: DesignRecord, design: Design, live: ReadonlyMap<string, DesignRecord>, knowsLive: boolean): DesignIssue[] {
  const out: DesignIssue[] = [];
  for (const field of DESIGN_KIND_INFO[record.kind].refs) {
    const slots = refValues(record.spec, field.path);
    const want = field.kinds.map((k) => KIND_WORDS[k]).join(' or ');
    if (!slots.length || slots.every((s) => s.value === '' || s.value === null)) {
      const forwardField = field.path.includes('forward');
      if (field.required && !forwardField) out.push(issue(record.id, field.path.replace(/\[\]/g, ''), 'ref-missing', `Needs a ${want}: connect one.`, 'error', 'design'));
      continue;
    }
    for (const [i, slot] of slots.entries()) {
      const path = field.path.replace('[]', `[${i}]`);
      if (typeof slot.value !== 'string' || !slot.value) {
        out.push(issue(record.id, path, 'ref-missing', `Needs a ${want}.`, 'error', 'design'));
        continue;
      }
      const target = design.records[slot.value];
      if (target) {
        if (target.removed) out.push(issue(record.id, path, 'ref-removed', `Names a ${KIND_WORDS[target.kind]} that was deleted from the design.`, 'error', 'design'));
        else if (!field.kinds.includes(target.kind)) out.push(issue(record.id, path, 'ref-kind', `Must name a ${want}, not a ${KIND_WORDS[target.kind]}.`, 'error', 'design'));
        continue;
      }
      const liveTarget = live.get(slot.value);
      if (liveTarget && !field.kinds.includes(liveTarget.kind)) out.push(issue(record.id, path, 'ref-kind', `Must name a ${want}, not a ${KIND_WORDS[liveTarget.kind]}.`, 'error', 'design'));
      else if (!liveTarget && knowsLive) out.push(issue(record.id, path, 'ref-unknown', `${slot.value} is neither in this design nor in the live estate.`, 'warning', 'design'));
    }
  }
  return out;
}

/** Issues about one field (and what lies under it), for the form that edits it. */
export function fieldIssues(issues: readonly DesignIssue[], recordId: string, path: string): DesignIssue[] {
  return issues.filter((i) => i.recordId === recordId && (i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`)));
}
