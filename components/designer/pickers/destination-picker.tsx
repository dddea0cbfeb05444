'use client';
// Where an access-log subscription delivers: one of the estate's log groups, or an S3 bucket
// or Data Firehose stream typed as an ARN (checked against the model and the forms Lattice takes).
import { useId } from 'react';
import type { Topology } from '@/lib/topology';
import { DESTINATION_FORMS, logGroupChoices, setField, type DesignRecord } from '@/lib/topology/design';
import { cn } from '@/components/ui/cn';
import { controlClass, ModelField, type FieldContext } from '../fields';

export function DestinationPicker({ ctx, subscription, owner, topology }: { ctx: FieldContext; subscription: DesignRecord; owner: DesignRecord; topology: Topology | null }) {
  const id = useId();
  const groups = logGroupChoices(topology, { account: owner.account, region: owner.region });
  const value = typeof subscription.spec.destinationArn === 'string' ? subscription.spec.destinationArn : '';
  const chosen = groups.find((g) => g.arn === value);
  return (
    <div className="space-y-1.5" data-testid="destination-picker">
      {groups.length > 0 && (
        <div>
          <label htmlFor={id} className="mb-0.5 block text-[11px] font-medium text-slate-600">
            Log group
          </label>
          <select
            id={id}
            disabled={!ctx.editable}
            value={chosen ? chosen.arn : ''}
            onChange={(e) => e.target.value && ctx.dispatch(setField(ctx.design, subscription.id, ['destinationArn'], e.target.value))}
            className={cn(controlClass(false), 'pr-7')}
            data-testid="log-group-choice"
          >
            <option value="">{chosen ? '' : 'Choose a log group, or type an ARN below…'}</option>
            {groups.map((g) => (
              <option key={g.arn} value={g.arn}>
                {g.name}
                {g.account !== owner.account || g.region !== owner.region ? ` (${g.account} ${g.region})` : ''}
                {g.retentionInDays ? ` · kept ${g.retentionInDays} days` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <ModelField ctx={ctx} record={subscription} path={['destinationArn']} label="Destination ARN" />
      <p className="text-[11px] leading-snug text-slate-500">
        {DESTINATION_FORMS.s3.label}: <code className="text-[10.5px]">{DESTINATION_FORMS.s3.example}</code>
        <br />
        {DESTINATION_FORMS.firehose.label}: <code className="text-[10.5px]">{DESTINATION_FORMS.firehose.example}</code>
      </p>
    </div>
  );
}
