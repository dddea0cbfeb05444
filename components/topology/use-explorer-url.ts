'use client';
// The Inspect page's URL state: the selection, the comparison, the filters, grouping and the
// "Can it call?" question all live in the query string, so any view can be shared as a link.

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { filterFromSearchParams, type TopologyFilter } from '@/lib/topology';
import { questionFromParams } from '@/components/access/question';

function readFilter(params: URLSearchParams): { filter: TopologyFilter; problem: string | null } {
  try {
    return { filter: filterFromSearchParams(params), problem: null };
  } catch (err) {
    return { filter: {}, problem: `Ignoring the URL's filters: ${(err as Error).message}` };
  }
}

export type SetParams = (edit: (p: URLSearchParams) => void) => void;

export function useExplorerUrl() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  const selectedId = searchParams.get('node');
  const compareId = searchParams.get('compare');
  const { filter, problem: filterProblem } = useMemo(() => readFilter(new URLSearchParams(searchParams.toString())), [searchParams]);

  const setParams: SetParams = useCallback(
    (edit: (p: URLSearchParams) => void) => {
      const p = new URLSearchParams(searchParams.toString());
      edit(p);
      const qs = p.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, searchParams],
  );

  const grouping = searchParams.get('group') !== 'off';
  // "Can it call?": the question is in the URL; the answer is drawn on the canvas.
  const question = useMemo(() => questionFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);

  return { selectedId, compareId, filter, filterProblem, setParams, grouping, question, searchParams };
}
