import { desc, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { designs, type DesignRow } from '../schema';

export type DesignSummary = Omit<DesignRow, 'document'> & { records: number };

export interface NewDesign {
  name: string;
  document: Record<string, unknown>;
  createdBy: string;
}

export async function insertDesign(input: NewDesign, db?: Db): Promise<DesignRow> {
  const [row] = await (db ?? (await getDb()))
    .insert(designs)
    .values({ name: input.name, document: input.document, createdBy: input.createdBy, updatedBy: input.createdBy })
    .returning();
  return row;
}

export async function getDesignRow(id: string, db?: Db): Promise<DesignRow | null> {
  const [row] = await (db ?? (await getDb())).select().from(designs).where(eq(designs.id, id));
  return row ?? null;
}

/** Designs, most recently changed first, with how many records (tombstones aside) each holds. */
export async function listDesignRows(db?: Db): Promise<DesignSummary[]> {
  const rows = await (db ?? (await getDb()))
    .select({
      id: designs.id,
      name: designs.name,
      version: designs.version,
      createdBy: designs.createdBy,
      updatedBy: designs.updatedBy,
      createdAt: designs.createdAt,
      updatedAt: designs.updatedAt,
      records: sql<number>`(select count(*) from jsonb_each(${designs.document} -> 'records') as r(k, v) where not coalesce((v ->> 'removed')::boolean, false))`.mapWith(Number),
    })
    .from(designs)
    .orderBy(desc(designs.updatedAt));
  return rows;
}

export type SaveResult = { ok: true; row: DesignRow } | { ok: false; current: DesignRow | null };

/**
 * Saves a document over `baseVersion`. When someone saved in between, nothing is written and
 * the current row comes back, so the editor can say who changed it instead of overwriting.
 */
export async function saveDesignDocument(id: string, document: Record<string, unknown>, baseVersion: number, by: string, db?: Db): Promise<SaveResult> {
  const database = db ?? (await getDb());
  const [row] = await database
    .update(designs)
    .set({ document, version: sql`${designs.version} + 1`, updatedBy: by, updatedAt: new Date() })
    .where(sql`${designs.id} = ${id} and ${designs.version} = ${baseVersion}`)
    .returning();
  if (row) return { ok: true, row };
  return { ok: false, current: await getDesignRow(id, database) };
}

export async function renameDesign(id: string, name: string, by: string, db?: Db): Promise<DesignRow | null> {
  const [row] = await (db ?? (await getDb()))
    .update(designs)
    .set({ name, version: sql`${designs.version} + 1`, updatedBy: by, updatedAt: new Date() })
    .where(eq(designs.id, id))
    .returning();
  return row ?? null;
}

export async function deleteDesignRow(id: string, db?: Db): Promise<boolean> {
  const rows = await (db ?? (await getDb())).delete(designs).where(eq(designs.id, id)).returning({ id: designs.id });
  return rows.length > 0;
}
