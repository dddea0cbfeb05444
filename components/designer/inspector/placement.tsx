'use client';
// The account and Region a top-level record is placed in.
import { setPlacement, type DesignRecord } from '@/lib/topology/design';
import { cn } from '@/components/ui/cn';
import { FieldFrame, Section, controlClass, type FieldContext } from '../fields';

export function PlacementSection({ ctx, record, accounts }: { ctx: FieldContext; record: DesignRecord; accounts: { id: string; name: string; regions: string[] }[] }) {
  return (
    <Section title="Placement">
      <FieldFrame id="placement" label="Account and Region" problems={[]}>
        <select
          id="placement"
          disabled={!ctx.editable}
          className={cn(controlClass(false), 'pr-7')}
          value={`${record.account}|${record.region}`}
          onChange={(e) => {
            const [account, region] = e.target.value.split('|');
            ctx.dispatch(setPlacement(ctx.design, record.id, account, region));
          }}
        >
          {!accounts.some((a) => a.id === record.account) && <option value={`${record.account}|${record.region}`}>{record.account} · {record.region}</option>}
          {accounts.flatMap((a) => a.regions.map((r) => (
            <option key={`${a.id}|${r}`} value={`${a.id}|${r}`}>
              {a.name} · {a.id} · {r}
            </option>
          )))}
        </select>
      </FieldFrame>
    </Section>
  );
}
