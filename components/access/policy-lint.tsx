'use client';
// Auth policy lint while typing: the engine's checks (as IAM checks them) and placeholders,
// run a moment after the last keystroke, listed beside the field.
import { useEffect, useState } from 'react';
import { lintPolicyText, type PolicyMessage } from '@/lib/access-server/policy-issues';
import type { Topology } from '@/lib/topology';

export const LINT_DELAY_MS = 250;

export function usePolicyLint(text: string): PolicyMessage[] {
  const [messages, setMessages] = useState<PolicyMessage[]>(() => safeLint(text));
  useEffect(() => {
    const t = setTimeout(() => setMessages(safeLint(text)), LINT_DELAY_MS);
    return () => clearTimeout(t);
  }, [text]);
  return messages;
}

function safeLint(text: string): PolicyMessage[] {
  try {
    return lintPolicyText(text);
  } catch (err) {
    return [{ severity: 'warning', message: `The policy could not be checked: ${(err as Error).message}` }];
  }
}

export function PolicyLintMessages({ messages }: { messages: PolicyMessage[] }) {
  if (!messages.length) return null;
  return (
    <ul className="mt-1 space-y-0.5" data-testid="policy-lint" aria-live="polite">
      {messages.map((m, i) => (
        <li key={i} className={m.severity === 'error' ? 'text-[11px] leading-snug text-red-700' : 'text-[11px] leading-snug text-amber-700'} data-testid="policy-lint-item" data-severity={m.severity}>
          <span className="font-semibold">{m.severity === 'error' ? 'Error' : 'Warning'}:</span> {m.where ? <span className="font-mono">{m.where}: </span> : null}
          {m.message}
        </li>
      ))}
    </ul>
  );
}

/** The estate's AWS Organization id, from the organization its RAM shares name (or a policy's aws:PrincipalOrgID). */
export function organizationOf(topology: Topology | null | undefined): string | undefined {
  for (const n of topology?.nodes ?? []) {
    const m = /:organization\/(o-[a-z0-9]{10,32})$/.exec(n.id);
    if (m) return m[1];
  }
  for (const n of topology?.nodes ?? []) {
    const m = /"aws:PrincipalOrgID"\s*:\s*"(o-[a-z0-9]{10,32})"/.exec(JSON.stringify(n.authPolicy?.policy ?? ''));
    if (m) return m[1];
  }
  return undefined;
}
