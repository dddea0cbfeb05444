import Link from 'next/link';
import type { SharedResourceView } from '@/lib/sharing';
import { KindIcon } from '@/components/canvas/kind-icon';

/** Where a resource is on the canvas; with `account`, as that account sees the estate. */
export function topologyHref(arn: string, account?: string): string {
  const q = new URLSearchParams({ node: arn });
  if (account) q.append('account', account);
  return `/topology?${q}`;
}

const TYPE_WORDS: Record<string, string> = {
  serviceNetwork: 'service network',
  service: 'service',
  resourceConfiguration: 'resource configuration',
};

/** A shared resource, linking to its box on the canvas. */
export function ResourceLink({ resource, account }: { resource: SharedResourceView; account?: string }) {
  return (
    <Link
      href={topologyHref(resource.arn, account)}
      className="group inline-flex max-w-full items-center gap-1.5 rounded px-1 py-0.5 text-[13px] text-slate-800 hover:bg-indigo-50 hover:text-indigo-700"
      title={`${resource.arn}\nOpen on the canvas`}
      data-testid="share-resource-link"
    >
      <KindIcon kind={resource.kind ?? 'aggregate'} className="size-3.5 shrink-0 text-slate-500 group-hover:text-indigo-600" />
      <span className="truncate font-medium">{resource.name}</span>
      <span className="shrink-0 text-[11px] text-slate-400">{resource.kind ? TYPE_WORDS[resource.kind] ?? resource.type : resource.type}</span>
    </Link>
  );
}
