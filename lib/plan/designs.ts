import 'server-only';
// Designs as the console keeps them: saved in the database with a version (two editors never
// silently overwrite each other), every change audited. Plans are made from them in ./server.
import type { Actor } from '@/lib/auth';
import { conflict, notFound } from '@/lib/auth/errors';
import { inTransaction } from '@/lib/db';
import type { Db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/repositories/audit';
import { deleteDesignRow, getDesignRow, insertDesign, listDesignRows, renameDesign, saveDesignDocument, type DesignSummary } from '@/lib/db/repositories/designs';
import type { DesignRow } from '@/lib/db/schema';
import { completeSnapshot, currentSnapshot } from '@/lib/estate/server';
import type { Topology } from '@/lib/topology';
import { applyPatch, emptyDesign, importLive, liveRecords, parseDesign, type Design } from '@/lib/topology/design';

export interface DesignDto {
  id: string;
  name: string;
  version: number;
  document: Design;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A design in the list as `GET /api/designs` sends it (dates as ISO strings on the wire). */
export type DesignSummaryDto = Omit<DesignSummary, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

function designDto(row: DesignRow): DesignDto {
  return { id: row.id, name: row.name, version: row.version, document: parseDesign(row.document), createdBy: row.createdBy, updatedBy: row.updatedBy, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export async function listDesigns(db?: Db): Promise<DesignSummary[]> {
  return listDesignRows(db);
}

export async function getDesign(id: string, db?: Db): Promise<DesignDto> {
  const row = await getDesignRow(id, db);
  if (!row) throw notFound(`No design ${id}.`);
  return designDto(row);
}

export interface NewDesignInput {
  name: string;
  /** `empty`, `live` (the whole estate) or `selection` (the ARNs in `selection`, with what they contain). */
  start: 'empty' | 'live' | 'selection';
  selection?: string[];
  account: string;
  region: string;
}

/** Creates a design, empty or taken from the newest live snapshot. */
export async function createDesign(input: NewDesignInput, actor: Actor, db?: Db): Promise<DesignDto> {
  let document = emptyDesign(input.account, input.region);
  if (input.start !== 'empty') {
    const snapshot = await completeSnapshot(await currentSnapshot());
    const live = liveRecords(snapshot.topology as Topology);
    document = applyPatch(document, importLive(document, live, input.start === 'selection' ? (input.selection ?? []) : undefined));
  }
  // The design and its audit record commit together, or neither does.
  const row = await inTransaction(async (tx) => {
    const created = await insertDesign({ name: input.name, document: document as unknown as Record<string, unknown>, createdBy: actor.name }, tx);
    await recordAudit({ actor, action: 'design.create', target: created.id, outcome: 'success', details: { name: input.name, start: input.start, records: Object.keys(document.records).length } }, tx);
    return created;
  }, db);
  return designDto(row);
}

export async function duplicateDesign(id: string, name: string, actor: Actor, db?: Db): Promise<DesignDto> {
  const source = await getDesign(id, db);
  const row = await inTransaction(async (tx) => {
    const created = await insertDesign({ name, document: source.document as unknown as Record<string, unknown>, createdBy: actor.name }, tx);
    await recordAudit({ actor, action: 'design.duplicate', target: created.id, outcome: 'success', details: { from: id, name } }, tx);
    return created;
  }, db);
  return designDto(row);
}

export async function renameDesignAs(id: string, name: string, actor: Actor, db?: Db): Promise<DesignDto> {
  const row = await inTransaction(async (tx) => {
    const renamed = await renameDesign(id, name, actor.name, tx);
    if (!renamed) throw notFound(`No design ${id}.`);
    await recordAudit({ actor, action: 'design.rename', target: id, outcome: 'success', details: { name } }, tx);
    return renamed;
  }, db);
  return designDto(row);
}

export async function deleteDesign(id: string, actor: Actor, db?: Db): Promise<void> {
  if (!(await deleteDesignRow(id, db))) throw notFound(`No design ${id}.`);
  await recordAudit({ actor, action: 'design.delete', target: id, outcome: 'success' }, db);
}

/**
 * Saves a document over the version the editor loaded. Someone else's save in between is a
 * 409 that names them, so two editors never silently overwrite each other.
 */
export async function saveDesign(id: string, document: unknown, baseVersion: number, actor: Actor, db?: Db): Promise<{ version: number; updatedAt: string }> {
  const design = parseDesign(document);
  const result = await saveDesignDocument(id, design as unknown as Record<string, unknown>, baseVersion, actor.name, db);
  if (!result.ok) {
    if (!result.current) throw notFound(`No design ${id}.`);
    await recordAudit({ actor, action: 'design.save', target: id, outcome: 'failure', details: { reason: 'version conflict', baseVersion, current: result.current.version, by: result.current.updatedBy } }, db);
    throw conflict(`This design was changed by ${result.current.updatedBy} at ${result.current.updatedAt.toISOString()} (version ${result.current.version}, yours is based on ${baseVersion}). Reload to see their changes.`);
  }
  await recordAudit({ actor, action: 'design.save', target: id, outcome: 'success', details: { version: result.row.version, records: Object.keys(design.records).length } }, db);
  return { version: result.row.version, updatedAt: result.row.updatedAt.toISOString() };
}
