'use client';
// A live VPC from the topology: not part of the design, only something to draw lines from.
import type { TopologyNode } from '@/lib/topology';
import { Header } from './parts';

export function LiveVpcPanel({ vpcNode }: { vpcNode: TopologyNode }) {
  return (
    <div className="p-4 text-sm text-slate-600">
      <Header icon="vpc" kind="VPC (live)" name={vpcNode.name} />
      <p className="mt-3 text-[13px]">{vpcNode.resourceId} in {vpcNode.account}. Draw a line from it to a service network to associate them; a VPC joins one service network (use an endpoint for more).</p>
    </div>
  );
}
