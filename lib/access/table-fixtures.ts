// What the access tables (decision-table.test.ts, identity-table.test.ts) share: a case's
// shape, the request it stands for over the test estate, and the checks every case makes.
import { expect } from 'vitest';
import type { Topology } from '@/lib/topology/types';
import { evaluateAccess } from './index';
import type { AccessCheck, AccessDecision } from './types';
import { estate, SESSION, X } from './test-estate';

export const UG = 'docs.aws.amazon.com/vpc-lattice/latest/ug';
export const IAM = 'docs.aws.amazon.com/IAM/latest/UserGuide';

/** One rule of AWS's as a request over the test estate and the verdict it must get. */
export interface TableCase {
  name: string;
  /** The AWS rule this case encodes, and where it is written. */
  rule: string;
  source: string;
  setup?: (t: Topology) => Topology;
  /** Default: the orders role's session; null is an anonymous caller. */
  principal?: string | null;
  vpc?: string;
  service?: string;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  port?: number;
  principalTags?: Record<string, string>;
  /** allow, or the check whose step fails first. */
  expect: 'allow' | AccessCheck;
  /** Matched against every step's detail, joined. */
  detail?: RegExp;
  /** The path element that stopped the request. */
  failed?: string;
}

/** Evaluates a case's request, at a fixed time. */
export function runCase(c: TableCase): AccessDecision {
  const t = c.setup ? c.setup(estate()) : estate();
  return evaluateAccess(
    t,
    {
      source: { vpc: c.vpc ?? X.appVpc, principal: c.principal === undefined ? SESSION : c.principal, ...(c.principalTags ? { principalTags: c.principalTags } : {}) },
      target: { service: c.service ?? X.orders, method: c.method ?? 'GET', path: c.path ?? '/orders', ...(c.headers ? { headers: c.headers } : {}), ...(c.query ? { query: c.query } : {}), port: c.port ?? 80 },
    },
    { now: new Date('2026-01-01T00:00:00Z') },
  );
}

/** The steps in words, to explain a failed expectation. */
export const explainSteps = (d: AccessDecision) => JSON.stringify(d.steps.map((s) => `${s.check} ${s.result}: ${s.detail}`), null, 1);

/** The checks every case makes: the verdict, the first failing check, the detail and the failed element. */
export function expectVerdict(c: TableCase, d: AccessDecision): void {
  const explain = explainSteps(d);
  if (c.expect === 'allow') {
    expect(d.decision, explain).toBe('allow');
    expect(d.reachable).toBe(true);
    expect(d.authorized).toBe(true);
    expect(d.steps.some((s) => s.result === 'fail'), explain).toBe(false);
  } else {
    expect(d.decision, explain).toBe('deny');
    expect(d.steps.find((s) => s.result === 'fail')?.check, explain).toBe(c.expect);
    if (c.expect === 'network') {
      expect(d.reachable).toBe(false);
      expect(d.authorized).toBeNull();
    }
  }
  if (c.detail) expect(d.steps.map((s) => s.detail).join(' | ')).toMatch(c.detail);
  if (c.failed) expect(d.path?.failed, explain).toBe(c.failed);
}
