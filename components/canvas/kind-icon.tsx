import type { ResourceKind } from '@/lib/topology';

// Line icons per resource kind (24×24, stroked with currentColor).
const PATHS: Partial<Record<ResourceKind | 'aggregate', string>> = {
  serviceNetwork: 'M12 4.5a2 2 0 1 0 0 .01M5 18a2 2 0 1 0 0 .01M19 18a2 2 0 1 0 0 .01M12 6.5v4M12 10.5 5.8 16.3M12 10.5l6.2 5.8M7 18h10',
  service: 'M4 7.5 12 3l8 4.5v9L12 21l-8-4.5v-9ZM4 7.5l8 4.5 8-4.5M12 12v9',
  resourceGateway: 'M4 20V9l8-5 8 5v11M9 20v-6h6v6M4 20h16',
  resourceConfiguration: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3ZM4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  vpc: 'M7 18a4 4 0 0 1-.5-7.97A5.5 5.5 0 0 1 17.2 8.6 4.5 4.5 0 0 1 17 18H7Z',
  vpcEndpoint: 'M5 12h9M11 8l4 4-4 4M19 5v14',
  vpcEndpointService: 'M5 5v14M19 12h-9M13 8l-4 4 4 4M15 6h4v12h-4',
  instance: 'M7 7h10v10H7zM10 3v4M14 3v4M10 17v4M14 17v4M3 10h4M3 14h4M17 10h4M17 14h4',
  listener: 'M5 12h3l2-6 4 12 2-6h3',
  targetGroup: 'M4 5h6v6H4zM14 5h6v6h-6zM4 15h6v4H4zM14 15h6v4h-6z',
  iamRole: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM4.5 20a7.5 7.5 0 0 1 15 0',
  aggregate: 'M4 7h16M4 12h16M4 17h16',
};

export function KindIcon({ kind, className = 'size-4' }: { kind: ResourceKind | 'aggregate'; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className={className}>
      <path d={PATHS[kind] ?? 'M5 5h14v14H5z'} />
    </svg>
  );
}
