import type { SharedResourceView } from '@/lib/sharing';

const WORDS: Record<string, [string, string]> = {
  serviceNetwork: ['service network', 'service networks'],
  service: ['service', 'services'],
  resourceConfiguration: ['resource configuration', 'resource configurations'],
};

/** "1 service network: retail-services", "2 services: cart, orders". */
export function contentsSummary(resources: readonly SharedResourceView[] | null): string {
  if (!resources) return 'what the share contains';
  if (resources.length === 0) return 'nothing yet (the share holds no resources)';
  const groups = new Map<string, string[]>();
  for (const r of resources) groups.set(r.kind ?? r.type, [...(groups.get(r.kind ?? r.type) ?? []), r.name]);
  return [...groups]
    .map(([kind, names]) => {
      const [one, many] = WORDS[kind] ?? [kind, kind];
      return `${names.length} ${names.length === 1 ? one : many}: ${names.join(', ')}`;
    })
    .join('; ');
}
