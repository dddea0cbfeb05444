// The design document as it crosses the wire and lands in the database: checked whole, so a
// saved design is always one the designer and the plan engine can read.
import { z } from 'zod';
import { DESIGN_KIND_INFO, GLOBAL_REGION } from './kinds';
import { DESIGN_KINDS, type Design } from './types';

const account = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'an AWS region name such as us-east-1');

export const designRecordSchema = z.object({
  id: z.string().min(1).max(2048),
  kind: z.enum(DESIGN_KINDS),
  account,
  // IAM records carry `global`: they belong to the account, not a Region.
  region: z.union([region, z.literal(GLOBAL_REGION)]),
  spec: z.record(z.string(), z.json()),
  tags: z.record(z.string(), z.string()).optional(),
  arn: z.string().max(2048).optional(),
  removed: z.literal(true).optional(),
});

export const designSchema = z
  .object({
    schemaVersion: z.literal(1),
    records: z.record(z.string(), designRecordSchema),
    positions: z.record(z.string(), z.object({ x: z.number().finite(), y: z.number().finite() })),
    defaults: z.object({ account, region }),
    shares: z.array(z.record(z.string(), z.json())).optional(),
  })
  .superRefine((d, ctx) => {
    for (const [id, r] of Object.entries(d.records)) {
      if ((r.region === GLOBAL_REGION) !== !!DESIGN_KIND_INFO[r.kind].global) {
        ctx.addIssue({ code: 'custom', message: DESIGN_KIND_INFO[r.kind].global ? `${r.kind} ${id} is global: its region is ${GLOBAL_REGION}` : `${r.kind} ${id} needs a Region`, path: ['records', id, 'region'] });
      }
      if (r.id !== id) ctx.addIssue({ code: 'custom', message: `record ${id} says its id is ${r.id}`, path: ['records', id, 'id'] });
    }
  });

/** Parses a stored or submitted design; throws a ZodError naming each bad field. */
export function parseDesign(value: unknown): Design {
  return designSchema.parse(value) as Design;
}
