// Designs in the database: saved with a version so that two editors never overwrite each
// other silently; listed, duplicated, deleted, each audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { RequestError } from '@/lib/auth/errors';
import { createDesign, deleteDesign, duplicateDesign, getDesign, listDesigns, saveDesign } from '@/lib/plan/designs';
import { addRecord, applyPatch } from '@/lib/topology/design';
import { openDatabase, type OpenDatabase } from '../client';
import { listAuditEvents } from './audit';

let db: OpenDatabase;
beforeAll(async () => {
  db = await openDatabase({ pgliteDir: 'memory://' });
}, 60_000);
afterAll(async () => db?.close());

describe('designs', () => {
  it('saves over the version it was edited from, and tells the second editor who changed it', async () => {
    const created = await createDesign({ name: 'orders', start: 'empty', account: '222222222222', region: 'us-east-1' }, { id: null, name: 'alice' }, db.db);
    expect(created.version).toBe(1);
    const doc = applyPatch(created.document, addRecord(created.document, { kind: 'service', spec: { name: 'orders' }, id: 'svc' }).patch);
    const first = await saveDesign(created.id, doc, 1, { id: null, name: 'alice' }, db.db);
    expect(first.version).toBe(2);

    // Bob loaded version 1 too: his save is refused, naming Alice.
    const err = await saveDesign(created.id, created.document, 1, { id: null, name: 'bob' }, db.db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).status).toBe(409);
    expect((err as RequestError).message).toMatch(/changed by alice .* \(version 2, yours is based on 1\)/);
    expect((await getDesign(created.id, db.db)).document.records.svc.spec.name).toBe('orders');

    // A document that is not a design is refused before it is stored.
    const malformed = await saveDesign(created.id, { schemaVersion: 1, records: { x: { id: 'x', kind: 'nope' } } }, 2, { id: null, name: 'alice' }, db.db).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(ZodError);
    expect((malformed as ZodError).issues.map((i) => i.path.join('.'))).toContain('records.x.kind');

    const copy = await duplicateDesign(created.id, 'orders (copy)', { id: null, name: 'bob' }, db.db);
    expect(copy.document.records.svc).toBeDefined();
    const list = await listDesigns(db.db);
    expect(list.map((d) => [d.name, d.records])).toEqual(expect.arrayContaining([['orders', 1], ['orders (copy)', 1]]));
    await deleteDesign(copy.id, { id: null, name: 'bob' }, db.db);
    expect((await listDesigns(db.db)).map((d) => d.name)).toEqual(['orders']);
    const actions = (await listAuditEvents({}, db.db)).events.map((e) => e.action).reverse();
    expect(actions).toEqual(['design.create', 'design.save', 'design.save', 'design.duplicate', 'design.delete']);
  });
});
