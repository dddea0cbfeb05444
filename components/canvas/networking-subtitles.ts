// Second lines of the networking boxes: what an endpoint reaches and how an endpoint service
// admits its consumers.

import { shortServiceName, type TopologyNode } from '@/lib/topology';

const TYPE_WORD: Record<string, string> = {
  ServiceNetwork: 'service network',
  Resource: 'resource',
  Interface: 'interface',
  Gateway: 'gateway',
  GatewayLoadBalancer: 'GWLB',
};

/** `vpce-0abc · interface · s3`: the id, the type, and for the PrivateLink types the service it reaches. */
export function endpointSubtitle(n: TopologyNode): string {
  const type = String(n.description.VpcEndpointType ?? '');
  const service = typeof n.description.ServiceName === 'string' ? shortServiceName(n.description.ServiceName) : '';
  return [n.resourceId, TYPE_WORD[type] ?? type, service].filter(Boolean).join(' · ');
}

/** `vpce-svc-0abc · acceptance required`. */
export function endpointServiceSubtitle(n: TopologyNode): string {
  const d = n.description;
  const acceptance = d.AcceptanceRequired === true ? 'acceptance required' : d.AcceptanceRequired === false ? 'auto-accept' : '';
  return [n.resourceId, acceptance].filter(Boolean).join(' · ');
}
