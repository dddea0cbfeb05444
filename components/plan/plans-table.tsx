// Every plan, newest first: what it would do, and where it stands.
import Link from 'next/link';
import type { PlanDto } from '@/lib/plan/server';
import { headlineCounts } from '@/lib/plan/counts';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Panel } from '@/components/ui/panel';
import { EmptyRow, Table, Td, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/time';

const TONE: Record<string, BadgeTone> = { planned: 'indigo', approved: 'sky', applying: 'amber', applied: 'green', failed: 'red', stale: 'neutral' };

export function PlansTable({ plans, title = 'Plans' }: { plans: PlanDto[]; title?: string }) {
  return (
    <Panel title={title} bodyClassName="p-0">
      <Table>
        <thead>
          <tr>
            <Th>Plan</Th>
            <Th>Design</Th>
            <Th>Changes</Th>
            <Th>Status</Th>
            <Th>Computed</Th>
          </tr>
        </thead>
        <tbody>
          {plans.length === 0 && <EmptyRow colSpan={5}>No plans yet. Open a design and choose “Plan changes”.</EmptyRow>}
          {plans.map((p) => {
            const { add, change, destroy, replace } = headlineCounts(p.summary);
            return (
              <tr key={p.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/plans/${p.id}`} className="font-mono text-[12.5px] text-indigo-700 hover:underline">
                    {p.id.slice(0, 8)}
                  </Link>
                </Td>
                <Td>
                  {p.designName} <span className="text-slate-400">v{p.designVersion}</span>
                </Td>
                <Td className="font-mono text-[12px] whitespace-nowrap">
                  <span className="text-emerald-700">+{add}</span> <span className="text-amber-700">~{change}</span> <span className="text-rose-700">±{replace}</span> <span className="text-red-700">−{destroy}</span>
                </Td>
                <Td>
                  <Badge tone={TONE[p.status] ?? 'neutral'}>{p.status}</Badge>
                </Td>
                <Td>
                  <Time value={p.createdAt} /> <span className="text-slate-500">by {p.createdBy}</span>
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </Panel>
  );
}
