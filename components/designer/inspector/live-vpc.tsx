'use client';
// A live VPC from the topology: not part of the design, only something to draw lines from.
import type { TopologyNode } from '@/lib/topology';
import { Header } from './parts';
import type { FieldContext } from '../fields';
import { AssociateWithNetwork } from './associate-with-network';

export function LiveVpcPanel({ vpcNode, ctx }: { vpcNode: TopologyNode; ctx?: FieldContext }) {
  return (
    <div className="p-4 text-sm text-slate-600">
      <Header icon="vpc" kind="VPC (live)" name={vpcNode.name} />
      <p className="mt-3 text-[13px]">{vpcNode.resourceId} in {vpcNode.account}. A VPC joins one service network (use an endpoint for more).</p>
      {ctx && vpcNode.resourceId && (
        <div className="mt-3">
          <AssociateWithNetwork ctx={ctx} endpoint={vpcNode.id} kind="vpc" vpc={{ id: vpcNode.id, vpcId: vpcNode.resourceId, account: vpcNode.account, region: vpcNode.region }} />
        </div>
      )}
    </div>
  );
}
