'use client';
// The IAM and Lambda sides of a resource in the details panel: a caller role's trust policy and
// identity policies (inline and attached), and a Lambda function's resource policy, which must
// let vpc-lattice.amazonaws.com invoke it for a LAMBDA target group to work.

import type { ReactNode } from 'react';
import type { Json, TopologyNode } from '@/lib/topology';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="border-t border-slate-200 px-4 py-3" data-testid={testId}>
      <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

function PolicyJson({ value, testId }: { value: Json; testId?: string }) {
  return (
    <pre className="max-h-72 overflow-auto rounded-md bg-slate-950 p-2.5 font-mono text-[11px] leading-relaxed text-slate-100" data-testid={testId}>
      {typeof value === 'string' ? value : JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Sections for an IAM role or a Lambda function; nothing for other kinds. */
export function IdentitySections({ node }: { node: TopologyNode }) {
  if (node.kind === 'iamRole') {
    const policies = node.identityPolicies;
    return (
      <>
        {node.external && (
          <Section title="Not read" testId="details-role-unread">
            <p className="text-[12px] text-slate-600">{typeof node.description.note === 'string' ? node.description.note : 'This role is named by an auth policy, but its account’s IAM was not read: its policies are unknown, and access analysis assumes its identity policy allows the call.'}</p>
          </Section>
        )}
        {node.trustPolicy !== undefined && (
          <Section title="Trust policy (who may assume it)" testId="details-trust-policy">
            <PolicyJson value={node.trustPolicy} />
          </Section>
        )}
        {policies && (
          <Section title={`Identity policies (${policies.length})`} testId="details-identity-policies">
            {policies.length === 0 && <p className="text-[12px] text-slate-600">None: the role may not call any service, whatever the auth policies allow.</p>}
            <div className="space-y-2.5">
              {policies.map((p) => (
                <div key={`${p.kind}:${p.arn ?? p.name}`} data-testid="identity-policy">
                  <div className="mb-1 flex items-baseline gap-2 text-[12px]">
                    <span className="font-medium text-slate-800">{p.name}</span>
                    <span className="rounded bg-slate-100 px-1 text-[10px] text-slate-600">{p.kind === 'inline' ? 'inline' : 'managed'}</span>
                    {p.arn && <span className="truncate font-mono text-[10.5px] text-slate-400" title={p.arn}>{p.arn}</span>}
                  </div>
                  {p.policy === null ? <p className="text-[11.5px] text-amber-800">The document could not be read.</p> : <PolicyJson value={p.policy} />}
                </div>
              ))}
            </div>
          </Section>
        )}
      </>
    );
  }
  if (node.kind === 'lambdaFunction') {
    if (node.resourcePolicy === undefined) {
      return (
        <Section title="Function policy" testId="details-function-policy">
          <p className="text-[12px] text-slate-600">Not read: no LAMBDA target group registers this function.</p>
        </Section>
      );
    }
    return (
      <Section title="Function policy" testId="details-function-policy">
        {node.resourcePolicy === null ? (
          <p className="text-[12px] text-red-700">No policy: nothing may invoke this function, so VPC Lattice cannot deliver requests to it.</p>
        ) : (
          <PolicyJson value={node.resourcePolicy} testId="function-policy-json" />
        )}
      </Section>
    );
  }
  return null;
}
