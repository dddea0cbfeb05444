// Refreshes as jobs, at the database: one waiting and one running at most, askers joining,
// the runner's lease, and the events followers read (each committed with a notification).
import { describe, expect } from 'vitest';
import { askEstateRefresh, claimEstateRefresh, failLapsedEstateRefreshes, failWaitingEstateRefresh, listenForEstateRefreshes, readEstateRefresh, reportEstateRefresh, setEstateRefreshJob, waitingEstateRefresh } from './repositories/estate-refreshes';
import { databaseTargets, useDatabaseTarget } from './testing';

describe.each(databaseTargets())('estate refreshes on $name', (target) => {
  const { db, database, itOn } = useDatabaseTarget(target);

  /** A request that was not refused by the rate. */
  const ask = async (input: Parameters<typeof askEstateRefresh>[0]) => {
    const asked = await askEstateRefresh(input, db());
    if ('waitSeconds' in asked) throw new Error(`${input.askedBy} was held to the rate`);
    return asked;
  };

  itOn('queues one waiting refresh, which askers join', async () => {
    const first = await ask({ askedBy: 'alice' });
    expect(first!.joined).toBe(false);
    expect(await ask({ askedBy: 'bob' })).toEqual({ id: first!.id, joined: true });
    await setEstateRefreshJob(first!.id, 'job-1', db());
    expect(await waitingEstateRefresh(db())).toMatchObject({ id: first!.id, askedBy: 'alice', state: 'waiting', jobId: 'job-1' });

    // Running: joined too, until it ends; a second waiting one may then queue behind another running one.
    const running = await claimEstateRefresh({ runner: 'b', jobId: 'job-1', leaseSeconds: 60, askedBy: 'alice', startOne: false }, db());
    expect(running).toMatchObject({ id: first!.id, state: 'running', runner: 'b' });
    expect(await ask({ askedBy: 'carol' })).toEqual({ id: first!.id, joined: true });
    // A scheduled job while one runs has nothing to take, and starts none.
    expect(await claimEstateRefresh({ runner: 'c', jobId: 'job-2', leaseSeconds: 60, askedBy: 'schedule', startOne: true }, db())).toBeNull();
    expect(await reportEstateRefresh({ id: first!.id, runner: 'b', leaseSeconds: 60, event: { type: 'done' }, end: 'done' }, db())).toBe(true);
    const second = await ask({ askedBy: 'carol' });
    expect(second!.joined).toBe(false);
    expect(second!.id).not.toBe(first!.id);
    // A job queued for the first (already run) takes the one waiting now.
    expect(await claimEstateRefresh({ runner: 'c', jobId: 'job-1', leaseSeconds: 60, askedBy: 'alice', startOne: false }, db())).toMatchObject({ id: second!.id });
  });

  itOn('holds each user to one refresh started per interval, by the database clock, across instances; joining is free, and the console is not held', async () => {
    const hour = 3600;
    const first = await ask({ askedBy: 'alice', minIntervalSeconds: hour });
    expect(first.joined).toBe(false);
    // While it waits, alice (from any instance) joins it.
    expect(await ask({ askedBy: 'alice', minIntervalSeconds: hour })).toEqual({ id: first.id, joined: true });
    await claimEstateRefresh({ runner: 'b', jobId: 'job-1', leaseSeconds: 60, askedBy: 'alice', startOne: false }, db());
    await reportEstateRefresh({ id: first.id, runner: 'b', leaseSeconds: 60, event: { type: 'done' }, end: 'done' }, db());
    // Nothing to join now: alice waits out the hour; bob may start one; with no interval, anyone may.
    const refused = await askEstateRefresh({ askedBy: 'alice', minIntervalSeconds: hour }, db());
    expect(refused).toEqual({ waitSeconds: expect.any(Number) });
    // Some whole seconds left of the hour, however long the steps above took.
    expect((refused as { waitSeconds: number }).waitSeconds).toBeGreaterThan(0);
    expect((refused as { waitSeconds: number }).waitSeconds).toBeLessThanOrEqual(hour);
    const bobs = await ask({ askedBy: 'bob', minIntervalSeconds: hour });
    expect(bobs.joined).toBe(false);
    // A refresh the console asks for after alice's apply is neither refused nor counted against her.
    expect(await ask({ askedBy: 'alice', minIntervalSeconds: hour, fresh: true, unmetered: true })).toEqual({ id: bobs.id, joined: true });
    await claimEstateRefresh({ runner: 'b', jobId: 'job-2', leaseSeconds: 60, askedBy: 'bob', startOne: false }, db());
    await reportEstateRefresh({ id: bobs.id, runner: 'b', leaseSeconds: 60, event: { type: 'done' }, end: 'done' }, db());
    const consoles = await ask({ askedBy: 'carol', unmetered: true, minIntervalSeconds: hour });
    expect(consoles.joined).toBe(false);
    await claimEstateRefresh({ runner: 'b', jobId: 'job-3', leaseSeconds: 60, askedBy: 'carol', startOne: false }, db());
    await reportEstateRefresh({ id: consoles.id, runner: 'b', leaseSeconds: 60, event: { type: 'done' }, end: 'done' }, db());
    expect((await ask({ askedBy: 'carol', minIntervalSeconds: hour })).joined).toBe(false);
    await claimEstateRefresh({ runner: 'b', jobId: 'job-4', leaseSeconds: 60, askedBy: 'carol', startOne: false }, db());
    expect(await ask({ askedBy: 'alice', minIntervalSeconds: 0 })).toMatchObject({ joined: true });
  });

  itOn('keeps the events in order, and notifies each', async () => {
    const heard: string[] = [];
    const stop = await listenForEstateRefreshes((id) => heard.push(id), database());
    const started = await claimEstateRefresh({ runner: 'b', jobId: 'job-1', leaseSeconds: 60, askedBy: 'schedule', startOne: true }, db());
    expect(started).toMatchObject({ state: 'running', askedBy: 'schedule' });
    const id = started!.id;
    for (const n of [1, 2, 3]) expect(await reportEstateRefresh({ id, runner: 'b', leaseSeconds: 60, event: { type: 'progress', n } }, db())).toBe(true);
    // Someone else's report is refused.
    expect(await reportEstateRefresh({ id, runner: 'x', leaseSeconds: 60, event: { type: 'progress', n: 9 } }, db())).toBe(false);
    const read = await readEstateRefresh(id, 1, db());
    expect(read).toMatchObject({ state: 'running', lapsed: false });
    expect(read!.events.map((e) => [e.seq, e.event.n])).toEqual([
      [2, 2],
      [3, 3],
    ]);
    // Notifications arrive once their transaction committed; on PostgreSQL, over another connection.
    const expected = 3;
    while (heard.filter((h) => h === id).length < expected) await new Promise((r) => setImmediate(r));
    await stop();
  });

  itOn('fails a running refresh whose runner let its lease lapse, and tells its job', async () => {
    const made = await claimEstateRefresh({ runner: 'b', jobId: 'job-7', leaseSeconds: -1, askedBy: 'alice', startOne: true }, db());
    expect(await readEstateRefresh(made!.id, 0, db())).toMatchObject({ state: 'running', lapsed: true });
    expect(await failLapsedEstateRefreshes({ type: 'error', message: 'gone' }, db())).toEqual(['job-7']);
    const read = await readEstateRefresh(made!.id, 0, db());
    expect(read!.state).toBe('failed');
    expect(read!.events.map((e) => e.event)).toEqual([{ type: 'error', message: 'gone' }]);
    // The runner, if it was only slow, learns it is no longer its refresh.
    expect(await reportEstateRefresh({ id: made!.id, runner: 'b', leaseSeconds: 60, event: { type: 'progress' } }, db())).toBe(false);
    expect(await failLapsedEstateRefreshes({ type: 'error', message: 'gone' }, db())).toEqual([]);

    // A waiting refresh no job will run ends with its reason.
    const waiting = await ask({ askedBy: 'bob' });
    await failWaitingEstateRefresh(waiting.id, { type: 'error', message: 'not queued' }, db());
    expect((await readEstateRefresh(waiting.id, 0, db()))!.state).toBe('failed');
    expect(await waitingEstateRefresh(db())).toBeNull();
  });
});
