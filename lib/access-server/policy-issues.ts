// Auth policies of a design checked as IAM checks them (the engine's lintAuthPolicy), plus what
// a template may have left: a placeholder is an error, so a plan never sends one to AWS.
// Pure: the designer shows these beside the field while typing; createPlan refuses on them.
import { lintAuthPolicy } from '@/lib/access';
import type { Design, DesignIssue } from '@/lib/topology/design';
import { compactPolicy, hasPolicyRef, policyPlaceholder } from '@/lib/topology/design/policy-refs';

export interface PolicyMessage {
  severity: 'error' | 'warning';
  message: string;
  /** Where in the document, when the linter says (e.g. `Statement[1].Condition`). */
  where?: string;
}

/** Lints one policy's text: the engine's findings, then placeholders and references. */
export function lintPolicyText(text: string, opts: { refsAllowed?: boolean } = {}): PolicyMessage[] {
  const out: PolicyMessage[] = [];
  if (!text.trim()) return out;
  // Trellis sends a policy compacted to one line (Lattice refuses newlines), so the layout is not a finding.
  for (const f of normalize(lintAuthPolicy(compactPolicy(text)))) out.push(f);
  const placeholder = policyPlaceholder(text);
  if (placeholder) out.push({ severity: 'error', message: `Replace ${placeholder} before planning: sent as it is, it matches nobody (a policy with a placeholder is never planned).` });
  if (hasPolicyRef(text) && opts.refsAllowed === false) out.push({ severity: 'error', message: '${service.arn} and ${serviceNetwork.arn} are filled in only for a policy attached to a service or service network of the design.' });
  return out;
}

/** Whatever shape the engine's findings take, as messages. */
function normalize(findings: unknown): PolicyMessage[] {
  const list = Array.isArray(findings) ? findings : findings && typeof findings === 'object' && Array.isArray((findings as { issues?: unknown }).issues) ? (findings as { issues: unknown[] }).issues : [];
  return list.map((f) => {
    const o = (f ?? {}) as Record<string, unknown>;
    const severity = o.severity === 'warning' || o.level === 'warning' ? 'warning' : 'error';
    const message = String(o.message ?? o.rule ?? o.detail ?? o.text ?? f);
    const where = typeof o.path === 'string' ? o.path : typeof o.where === 'string' ? o.where : undefined;
    return { severity, message, ...(where ? { where } : {}) };
  });
}

/** Every auth policy of the design, as DesignIssues on its `policy` field. */
export function authPolicyIssues(design: Design): DesignIssue[] {
  const issues: DesignIssue[] = [];
  for (const r of Object.values(design.records)) {
    if (r.kind !== 'authPolicy' || r.removed || typeof r.spec.policy !== 'string') continue;
    for (const m of lintPolicyText(r.spec.policy)) {
      issues.push({ recordId: r.id, path: 'policy', rule: m.where ? `${m.where}: ${m.message}` : m.message, severity: m.severity, source: 'lattice', code: 'policy-lint' });
    }
  }
  return issues;
}
