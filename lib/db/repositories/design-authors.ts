import { and, eq, inArray, lte } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { auditEvents } from '../schema';

/**
 * Everyone who wrote a design's content up to `before`: whoever created it, saved a version
 * of it, or duplicated it into being, and (through duplicates) the authors of the design it
 * was copied from, up to the copy. Read from the audit log, which records each of those in the
 * same transaction as the change.
 */
export async function designAuthorsBefore(designId: string, before: Date, db?: Db): Promise<string[]> {
  const d = db ?? (await getDb());
  const authors = new Set<string>();
  let target: string | null = designId;
  let until = before;
  for (let hop = 0; target && hop < 20; hop++) {
    const rows: { actor: string; action: string; at: Date; details: Record<string, unknown> }[] = await d
      .select({ actor: auditEvents.actor, action: auditEvents.action, at: auditEvents.at, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.target, target), eq(auditEvents.outcome, 'success'), inArray(auditEvents.action, ['design.create', 'design.save', 'design.duplicate']), lte(auditEvents.at, until)));
    for (const r of rows) authors.add(r.actor);
    const copy = rows.find((r) => r.action === 'design.duplicate' && typeof r.details?.from === 'string');
    target = copy ? (copy.details.from as string) : null;
    if (copy) until = copy.at;
  }
  return [...authors].sort();
}
