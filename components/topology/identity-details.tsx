'use client';
// The IAM and Lambda sides of a resource in the details panel: a caller role's trust policy and
// identity policies (inline and attached), and a Lambda function's resource policy, which must
// let vpc-lattice.amazonaws.com invoke it for a LAMBDA target group to work.

import type { TopologyNode } from '@/lib/topology';
import { DetailsSection as Section, JsonBlock } from './details-section';

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
            <JsonBlock value={node.trustPolicy} short />
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
                  {p.policy === null ? <p className="text-[11.5px] text-amber-800">The document could not be read.</p> : <JsonBlock value={p.policy} short />}
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
          <JsonBlock value={node.resourcePolicy} testId="function-policy-json" short />
        )}
      </Section>
    );
  }
  return null;
}
