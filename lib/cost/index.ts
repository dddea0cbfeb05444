// What a Lattice estate or a design costs per month: services associated with a service network
// (per hour), requests beyond the free tier, GB processed, and resource configurations' data,
// from traffic assumptions per service that the user can edit. Pure: priced over design records,
// which the live estate also reads as (liveRecords), so a topology and a design price alike.
import { liveRecords, type Design, type DesignRecord } from '@/lib/topology/design';
import type { Topology } from '@/lib/topology/types';
import { DAYS_PER_MONTH, HOURS_PER_MONTH, RATES, ratesFor, type RateTable, type RegionRates } from './rates';

export * from './rates';

export interface TrafficAssumption {
  requestsPerSecond: number;
  gbPerDay: number;
}

/** Sensible defaults: a modest internal service; a resource configuration moving a little data. */
export const DEFAULT_SERVICE_TRAFFIC: TrafficAssumption = { requestsPerSecond: 10, gbPerDay: 1 };
export const DEFAULT_RESOURCE_TRAFFIC: TrafficAssumption = { requestsPerSecond: 0, gbPerDay: 1 };

export interface CostLine {
  /** The record id (ARN for live resources). */
  key: string;
  kind: 'service' | 'resourceConfiguration';
  name: string;
  account: string;
  region: string;
  /** Service networks it is associated with (ids or ARNs as the records hold them). */
  networks: string[];
  traffic: TrafficAssumption;
  hourly: number;
  requests: number;
  data: number;
  total: number;
}

export interface Estimate {
  currency: 'USD';
  rateVersion: string;
  total: number;
  lines: CostLine[];
  byAccount: Record<string, number>;
  /** Per service network: its services' and resource configurations' cost, shared evenly when one joins several. */
  byServiceNetwork: Record<string, { name: string; total: number; services: number; resourceConfigurations: number }>;
  notes: string[];
}

export interface PriceOptions {
  /** Per record id (ARN for live resources): the traffic assumed; defaults elsewhere. */
  traffic?: Record<string, Partial<TrafficAssumption>>;
  rates?: RateTable;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function tiered(gb: number, tiers: RegionRates['resourceGb']): number {
  let left = gb;
  let lower = 0;
  let cost = 0;
  for (const t of tiers) {
    const inTier = Math.max(0, Math.min(left, t.upToGb - lower));
    cost += inTier * t.perGb;
    left -= inTier;
    lower = t.upToGb;
    if (left <= 0) break;
  }
  return cost;
}

/** Prices records: each service with at least one service-network association, each associated resource configuration. */
export function priceRecords(records: readonly DesignRecord[], options: PriceOptions = {}): Estimate {
  const table = options.rates ?? RATES;
  const active = records.filter((r) => !r.removed);
  const byId = new Map<string, DesignRecord>();
  for (const r of active) {
    byId.set(r.id, r);
    if (r.arn) byId.set(r.arn, r);
  }
  const resolve = (ref: unknown): DesignRecord | undefined => (typeof ref === 'string' ? byId.get(ref) : undefined);
  const networksOf = new Map<string, Set<string>>();
  for (const r of active) {
    if (r.kind !== 'serviceNetworkServiceAssociation' && r.kind !== 'serviceNetworkResourceAssociation') continue;
    const member = resolve(r.kind === 'serviceNetworkServiceAssociation' ? r.spec.serviceIdentifier : r.spec.resourceConfigurationIdentifier);
    const sn = r.spec.serviceNetworkIdentifier;
    if (!member || typeof sn !== 'string') continue;
    const snKey = resolve(sn)?.id ?? sn;
    networksOf.set(member.id, (networksOf.get(member.id) ?? new Set()).add(snKey));
  }
  const lines: CostLine[] = [];
  const inexact = new Set<string>();
  let tls = false;
  for (const r of active) {
    if (r.kind !== 'service' && r.kind !== 'resourceConfiguration') continue;
    const networks = [...(networksOf.get(r.id) ?? [])].sort();
    if (!networks.length) continue;
    const { rates, exact } = ratesFor(r.region, table);
    if (!exact) inexact.add(r.region);
    const given = options.traffic?.[r.id] ?? (r.arn ? options.traffic?.[r.arn] : undefined) ?? {};
    const defaults = r.kind === 'service' ? DEFAULT_SERVICE_TRAFFIC : DEFAULT_RESOURCE_TRAFFIC;
    const traffic: TrafficAssumption = { requestsPerSecond: Math.max(0, given.requestsPerSecond ?? defaults.requestsPerSecond), gbPerDay: Math.max(0, given.gbPerDay ?? defaults.gbPerDay) };
    let hourly = 0;
    let requests = 0;
    let data = 0;
    if (r.kind === 'service') {
      hourly = rates.serviceHour * HOURS_PER_MONTH;
      const perHour = traffic.requestsPerSecond * 3600;
      requests = (Math.max(0, perHour - rates.freeRequestsPerHour) * HOURS_PER_MONTH * rates.perMillionRequests) / 1_000_000;
      data = traffic.gbPerDay * DAYS_PER_MONTH * rates.serviceGb;
      if (active.some((l) => l.kind === 'listener' && l.spec.protocol === 'TLS_PASSTHROUGH' && resolve(l.spec.serviceIdentifier)?.id === r.id)) tls = true;
    } else {
      hourly = (rates.resourceConfigurationHour ?? 0) * HOURS_PER_MONTH;
      data = tiered(traffic.gbPerDay * DAYS_PER_MONTH, rates.resourceGb);
    }
    const name = typeof r.spec.name === 'string' ? r.spec.name : r.id;
    lines.push({ key: r.id, kind: r.kind, name, account: r.account, region: r.region, networks, traffic, hourly: round2(hourly), requests: round2(requests), data: round2(data), total: round2(hourly + requests + data) });
  }
  lines.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const byAccount: Record<string, number> = {};
  const byServiceNetwork: Estimate['byServiceNetwork'] = {};
  for (const l of lines) {
    byAccount[l.account] = round2((byAccount[l.account] ?? 0) + l.total);
    for (const sn of l.networks) {
      const rec = resolve(sn);
      const entry = (byServiceNetwork[sn] ??= { name: typeof rec?.spec.name === 'string' ? rec.spec.name : sn, total: 0, services: 0, resourceConfigurations: 0 });
      entry.total = round2(entry.total + l.total / l.networks.length);
      if (l.kind === 'service') entry.services++;
      else entry.resourceConfigurations++;
    }
  }
  const notes = [...table.caveats];
  if (inexact.size) notes.unshift(`No rates for ${[...inexact].sort().join(', ')} in table ${table.version}: priced at us-east-1's.`);
  if (tls) notes.push('TLS-passthrough listeners are billed per TCP connection: their requests per second are read as connections per second.');
  return { currency: 'USD', rateVersion: table.version, total: round2(lines.reduce((n, l) => n + l.total, 0)), lines, byAccount, byServiceNetwork, notes };
}

export function priceTopology(topology: Topology, options: PriceOptions = {}): Estimate {
  return priceRecords(liveRecords(topology), options);
}

/** The estate as a design would leave it: live records, overridden or removed by the design's, plus its new ones. */
export function desiredRecords(live: readonly DesignRecord[], design: Design): DesignRecord[] {
  const out = new Map(live.map((r) => [r.id, r]));
  for (const r of Object.values(design.records)) {
    const id = r.arn ?? r.id;
    if (r.removed) out.delete(id);
    else out.set(id, { ...r, id: r.id });
    if (r.arn && r.arn !== r.id) out.delete(r.arn);
  }
  return [...out.values()];
}

export function priceDesign(design: Design, live?: Topology, options: PriceOptions = {}): Estimate {
  return priceRecords(desiredRecords(live ? liveRecords(live) : [], design), options);
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const count = (n: number, noun: string) => `${n < WORDS.length ? WORDS[n] : n} ${noun}${n === 1 ? '' : 's'}`;

export interface CostChange {
  before: number;
  after: number;
  delta: number;
  /** `+ $36.50/month: two services join retail-services`. */
  sentence: string;
}

export function formatUsd(n: number): string {
  return `$${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** What applying a design changes in the monthly cost, in a sentence naming who joins or leaves which network. */
export function costChange(live: Topology, design: Design, options: PriceOptions = {}): CostChange {
  const liveRecs = liveRecords(live);
  const before = priceRecords(liveRecs, options);
  const after = priceRecords(desiredRecords(liveRecs, design), options);
  const membership = (e: Estimate) => new Map(e.lines.map((l) => [l.key, l]));
  const b = membership(before);
  const a = membership(after);
  const joins = new Map<string, { services: number; resources: number }>();
  const leaves = new Map<string, { services: number; resources: number }>();
  const nameOf = (sn: string) => after.byServiceNetwork[sn]?.name ?? before.byServiceNetwork[sn]?.name ?? sn;
  const bump = (m: typeof joins, sn: string, kind: CostLine['kind']) => {
    const e = m.get(nameOf(sn)) ?? { services: 0, resources: 0 };
    if (kind === 'service') e.services++;
    else e.resources++;
    m.set(nameOf(sn), e);
  };
  // Live lines are keyed by ARN, design lines by record id; records taken from live keep their ARN.
  const keyOf = (l: CostLine) => design.records[l.key]?.arn ?? l.key;
  const bByKey = new Map([...b.values()].map((l) => [keyOf(l), l]));
  for (const l of a.values()) {
    const was = bByKey.get(keyOf(l));
    for (const sn of l.networks) if (!was?.networks.includes(sn)) bump(joins, sn, l.kind);
  }
  const aByKey = new Map([...a.values()].map((l) => [keyOf(l), l]));
  for (const l of b.values()) {
    const now = aByKey.get(keyOf(l));
    for (const sn of l.networks) if (!now?.networks.includes(sn)) bump(leaves, sn, l.kind);
  }
  const parts: string[] = [];
  const say = (m: typeof joins, verb: [string, string]) => {
    for (const [sn, e] of [...m.entries()].sort()) {
      const who = [e.services ? count(e.services, 'service') : '', e.resources ? count(e.resources, 'resource configuration') : ''].filter(Boolean).join(' and ');
      parts.push(`${who} ${e.services + e.resources === 1 ? verb[0] : verb[1]} ${sn}`);
    }
  };
  say(joins, ['joins', 'join']);
  say(leaves, ['leaves', 'leave']);
  const delta = round2(after.total - before.total);
  const sign = delta > 0 ? '+ ' : delta < 0 ? '− ' : '± ';
  const sentence = `${sign}${formatUsd(delta)}/month${parts.length ? `: ${parts.join('; ')}` : delta !== 0 ? ': traffic of changed services' : ': nothing joins or leaves a service network'}`;
  return { before: before.total, after: after.total, delta, sentence };
}
