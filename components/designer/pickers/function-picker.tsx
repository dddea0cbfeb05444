'use client';
// A LAMBDA target: pick one of the estate's functions, or type its ARN. Says whether the
// function's policy lets VPC Lattice invoke it (Lattice can only invoke a function whose
// policy allows vpc-lattice.amazonaws.com).
import { useId } from 'react';
import type { Topology } from '@/lib/topology';
import { functionChoices, setField, type DesignRecord, type FunctionChoice } from '@/lib/topology/design';
import { cn } from '@/components/ui/cn';
import { controlClass, ModelField, type FieldContext } from '../fields';

function place(c: FunctionChoice): string {
  return c.sameAccountAndRegion ? '' : ` (${c.account} ${c.region})`;
}

export function FunctionPicker({ ctx, target, group, topology }: { ctx: FieldContext; target: DesignRecord; group: DesignRecord; topology: Topology | null }) {
  const id = useId();
  const choices = functionChoices(topology, { account: group.account, region: group.region });
  const value = typeof target.spec.id === 'string' ? target.spec.id : '';
  const chosen = choices.find((c) => c.arn === value);
  return (
    <div className="space-y-1.5" data-testid="function-picker">
      {choices.length > 0 && (
        <div>
          <label htmlFor={id} className="mb-0.5 block text-[11px] font-medium text-slate-600">
            Function
          </label>
          <select
            id={id}
            disabled={!ctx.editable}
            value={chosen ? chosen.arn : ''}
            onChange={(e) => e.target.value && ctx.dispatch(setField(ctx.design, target.id, ['id'], e.target.value))}
            className={cn(controlClass(false), 'pr-7')}
            data-testid="function-choice"
          >
            <option value="">{chosen ? '' : value ? '(typed below)' : 'Choose a function…'}</option>
            {choices.map((c) => (
              <option key={c.arn} value={c.arn} disabled={!c.sameAccountAndRegion}>
                {c.name}
                {place(c)}
                {c.allowsLattice === true ? ' · Lattice may invoke' : c.allowsLattice === false ? ' · policy does not allow Lattice' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <ModelField ctx={ctx} record={target} path={['id']} label="Function ARN" />
      {chosen && <FunctionFacts choice={chosen} />}
    </div>
  );
}

function FunctionFacts({ choice }: { choice: FunctionChoice }) {
  const allowed = choice.allowsLattice;
  return (
    <p className={cn('rounded px-2 py-1 text-[11.5px] leading-snug', allowed === false ? 'bg-amber-50 text-amber-900' : 'bg-slate-100 text-slate-600')} data-testid="function-facts">
      {choice.name} · {choice.account} · {choice.region}
      {choice.runtime ? ` · ${choice.runtime}` : ''}
      <br />
      {allowed === true && 'Its policy allows vpc-lattice.amazonaws.com to invoke it.'}
      {allowed === false && 'Its policy does not allow vpc-lattice.amazonaws.com: Lattice cannot invoke it until the function policy grants lambda:InvokeFunction to that service.'}
      {allowed === undefined && 'Its policy was not read: Lattice invokes it only if the policy allows vpc-lattice.amazonaws.com.'}
    </p>
  );
}
