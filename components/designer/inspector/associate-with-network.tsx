'use client';
// "Associate with network …": the same association a line drawn on the canvas makes, chosen
// from a list, for a service, a resource configuration or a live VPC.
import { useId, useState } from 'react';
import { CommandError, connect, type VpcRef } from '@/lib/topology/design';
import type { FieldContext } from '../fields';
import { controlClass } from '../fields';

const ASSOCIATION_OF = {
  service: { kind: 'serviceNetworkServiceAssociation', field: 'serviceIdentifier' },
  resourceConfiguration: { kind: 'serviceNetworkResourceAssociation', field: 'resourceConfigurationIdentifier' },
  vpc: { kind: 'serviceNetworkVpcAssociation', field: 'vpcIdentifier' },
} as const;

export function AssociateWithNetwork({ ctx, endpoint, kind, vpc }: { ctx: FieldContext; endpoint: string; kind: keyof typeof ASSOCIATION_OF; vpc?: VpcRef }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const active = Object.values(ctx.design.records).filter((r) => !r.removed);
  const assoc = ASSOCIATION_OF[kind];
  const own = kind === 'vpc' ? vpc?.vpcId : endpoint;
  const taken = new Set(active.filter((r) => r.kind === assoc.kind && r.spec[assoc.field] === own).map((r) => String(r.spec.serviceNetworkIdentifier)));
  const networks = active.filter((r) => r.kind === 'serviceNetwork' && !taken.has(r.id));
  if (!ctx.editable) return null;
  const choose = (sn: string) => {
    if (!sn) return;
    setError(null);
    try {
      ctx.dispatch(connect(ctx.design, endpoint, sn, vpc ? { vpcs: new Map([[vpc.id, vpc]]) } : {}));
    } catch (err) {
      if (err instanceof CommandError) setError(err.message);
      else throw err;
    }
  };
  return (
    <div data-testid="associate-with-network">
      <label htmlFor={id} className="sr-only">
        Associate with network
      </label>
      <select id={id} value="" disabled={!networks.length} onChange={(e) => choose(e.target.value)} className={controlClass(false)}>
        <option value="">{networks.length ? 'Associate with network …' : taken.size ? 'Associated with every network in this design' : 'No service network in this design yet'}</option>
        {networks.map((n) => (
          <option key={n.id} value={n.id}>
            {String(n.spec.name ?? n.id)}
            {n.account !== active.find((r) => r.id === endpoint)?.account && n.account ? ` (${n.account})` : ''}
          </option>
        ))}
      </select>
      {error && (
        <p className="mt-1 text-[11px] text-red-700" role="alert">
          {error}
        </p>
      )}
      <p className="mt-1 text-[11px] text-slate-500">Or draw a line to a service network on the canvas.</p>
    </div>
  );
}
