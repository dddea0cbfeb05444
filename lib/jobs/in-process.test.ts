import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from './in-process';

/** A job that runs until the test lets it finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('the in-process job runner', () => {
  it('runs a job sent before its handler is registered, with the data sent', async () => {
    const queue = createInProcessQueue();
    const seen: string[] = [];
    await queue.send('plan-apply', { planId: 'p1', actor: 'alice', statusBefore: 'planned' });
    await queue.work('plan-apply', async (data) => {
      seen.push(`${data.planId} by ${data.actor}`);
    });
    await queue.idle();
    expect(seen).toEqual(['p1 by alice']);
    await queue.stop();
  });

  it('runs at most `concurrency` jobs of a name at once', async () => {
    const queue = createInProcessQueue();
    const g = gate();
    let running = 0;
    let most = 0;
    await queue.work(
      'plan-apply',
      async () => {
        most = Math.max(most, ++running);
        await g.opened;
        running--;
      },
      { concurrency: 2 },
    );
    for (const id of ['a', 'b', 'c', 'd']) await queue.send('plan-apply', { planId: id, actor: 'x', statusBefore: 'planned' });
    await new Promise((r) => setImmediate(r));
    expect(running).toBe(2);
    g.open();
    await queue.idle();
    expect(most).toBe(2);
    await queue.stop();
  });

  it('keeps an exclusive job to one running and one waiting', async () => {
    const queue = createInProcessQueue();
    const g = gate();
    const ran: string[] = [];
    await queue.work('estate-refresh', async ({ user }) => {
      ran.push(user);
      await g.opened;
    });
    expect(await queue.send('estate-refresh', { user: 'alice' })).not.toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(await queue.send('estate-refresh', { user: 'bob' })).not.toBeNull();
    expect(await queue.send('estate-refresh', { user: 'carol' })).toBeNull();
    g.open();
    await queue.idle();
    expect(ran).toEqual(['alice', 'bob']);
    await queue.stop();
  });

  it('runs a throttled job once per window, however often it is asked for', async () => {
    let now = 10_000;
    const queue = createInProcessQueue({ now: () => now });
    let runs = 0;
    await queue.work('plan-apply-sweep', async () => {
      runs++;
    });
    expect(await queue.send('plan-apply-sweep', {}, { throttleSeconds: 5, key: 'sweep' })).not.toBeNull();
    await queue.idle();
    expect(await queue.send('plan-apply-sweep', {}, { throttleSeconds: 5, key: 'sweep' })).toBeNull();
    now += 5_000;
    expect(await queue.send('plan-apply-sweep', {}, { throttleSeconds: 5, key: 'sweep' })).not.toBeNull();
    await queue.idle();
    expect(runs).toBe(2);
    await queue.stop();
  });

  it('retries a failed job as its policy says, then reports it', async () => {
    const failures: string[] = [];
    const queue = createInProcessQueue({ onError: (name, err) => failures.push(`${name}: ${(err as Error).message}`) });
    let attempts = 0;
    await queue.work('estate-refresh', async () => {
      attempts++;
      throw new Error('no route to the account');
    });
    await queue.send('estate-refresh', { user: 'schedule' });
    await queue.idle();
    // estate-refresh: one retry.
    expect(attempts).toBe(2);
    expect(failures).toEqual(['estate-refresh: no route to the account']);
    await queue.stop();
  });
});
