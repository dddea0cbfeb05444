import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateServiceNetworkCommand, ListServiceNetworksCommand } from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { clientsFor } from '@/lib/testing/clients';
import { DataFileError, startLatticeLocal } from '../index';
import { createStore } from './index';
import { type DataIo, nodeIo } from './journal';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lattice-local-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const record = (key: string, extra: Record<string, unknown> = {}) => ({ key, kind: 'test:thing', account: '111111111111', region: 'us-east-1', ...extra });

describe('store', () => {
  it('keeps index lists in creation order and updates indexes when fields change', () => {
    const store = createStore();
    store.defineKind('test:thing', { indexes: { colour: (r) => r.colour as string } });
    store.transaction(() => {
      store.put(record('a', { colour: 'red' }));
      store.put(record('b', { colour: 'blue' }));
      store.put(record('c', { colour: 'red' }));
    });
    expect(store.byIndex('test:thing', 'colour', 'red').map((r) => r.key)).toEqual(['a', 'c']);
    store.put({ ...store.get('a')!, colour: 'blue' });
    expect(store.byIndex('test:thing', 'colour', 'blue').map((r) => r.key)).toEqual(['a', 'b']);
    expect(store.byIndex('test:thing', 'scope', '111111111111:us-east-1').map((r) => r.key)).toEqual(['a', 'b', 'c']);
    store.remove('b');
    expect(store.byIndex('test:thing', 'colour', 'blue').map((r) => r.key)).toEqual(['a']);
  });

  it('undoes every write of a transaction that throws', () => {
    const store = createStore();
    store.put(record('kept', { n: 1 }));
    expect(() =>
      store.transaction(() => {
        store.put(record('new'));
        store.put({ ...store.get('kept')!, n: 2 });
        store.remove('kept');
        store.grantAccess('arn:x', '222222222222');
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
    expect(store.get('new')).toBeUndefined();
    expect(store.get('kept')?.n).toBe(1);
    expect(store.sharedWith('222222222222')).toEqual([]);
  });

  it('replays the journal after a crash (no clean close)', () => {
    const dir = tempDir();
    const first = createStore({ dataDir: dir });
    first.put(record('a', { name: 'alpha' }));
    first.transaction(() => {
      first.put(record('b'));
      first.remove('a');
      first.grantAccess('arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-1', '222222222222');
      first.setMeta('org', { enabled: true });
    });
    // No close(): the process "dies" here.
    const second = createStore({ dataDir: dir });
    expect(second.get('a')).toBeUndefined();
    expect(second.get('b')).toMatchObject({ key: 'b', seq: 2 });
    expect(second.sharedWith('222222222222')).toEqual(['arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-1']);
    expect(second.getMeta('org')).toEqual({ enabled: true });
    second.put(record('c'));
    expect(second.get('c')!.seq).toBe(3);
    second.close();
  });

  it('drops a torn last line (never acknowledged) but refuses any other damage, naming the file', () => {
    const dir = tempDir();
    const store = createStore({ dataDir: dir });
    store.put(record('a'));
    store.put(record('b'));
    const journal = path.join(dir, 'journal.log');
    fs.appendFileSync(journal, '1234abcd {"txn":3,"ops":[["put"');
    const reopened = createStore({ dataDir: dir });
    expect([reopened.get('a')?.key, reopened.get('b')?.key]).toEqual(['a', 'b']);
    reopened.close();

    const damaged = tempDir();
    const s = createStore({ dataDir: damaged });
    s.put(record('a'));
    s.put(record('b'));
    const file = path.join(damaged, 'journal.log');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[0] = lines[0]!.replace('"a"', '"z"');
    fs.writeFileSync(file, lines.join('\n'));
    expect(() => createStore({ dataDir: damaged })).toThrow(DataFileError);
    expect(() => createStore({ dataDir: damaged })).toThrow(file);
  });

  it('compacts into a snapshot and starts from it; refuses a damaged snapshot', async () => {
    const dir = tempDir();
    const store = createStore({ dataDir: dir, compactAtBytes: 200 });
    for (let i = 0; i < 10; i++) store.put(record(`r${i}`, { payload: 'x'.repeat(50) }));
    await store.settled();
    expect(fs.existsSync(path.join(dir, 'snapshot.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'journal.old.log'))).toBe(false);
    expect(fs.statSync(path.join(dir, 'journal.log')).size).toBeLessThan(400);
    store.close();
    const reopened = createStore({ dataDir: dir });
    expect(reopened.byIndex('test:thing', 'scope', '111111111111:us-east-1')).toHaveLength(10);
    reopened.close();
    fs.writeFileSync(path.join(dir, 'snapshot.json'), '{"format":"lattice-local-snapshot","vers');
    expect(() => createStore({ dataDir: dir })).toThrow(/snapshot\.json is damaged/);
  });

  it('writes snapshots in the background while writes go on, and a crash at any file operation keeps every acknowledged write', async () => {
    // The "process" dies at file operation k: that operation is torn (a write keeps half its
    // bytes) or not done, and nothing after it reaches the disk. Asynchronous operations
    // complete in order on the microtask queue, so every run interleaves the same way.
    class Crash extends Error {}
    function crashingIo(crashAt: number) {
      const state = { ops: 0, dead: false };
      const step = (tear?: () => void) => {
        if (state.dead) throw new Crash();
        state.ops++;
        if (state.ops === crashAt) {
          state.dead = true;
          tear?.();
          throw new Crash();
        }
      };
      const io: DataIo = {
        openSync: (file, flags) => (step(), nodeIo.openSync(file, flags)),
        writeSync: (fd, text) => (step(() => nodeIo.writeSync(fd, text.slice(0, text.length >> 1))), nodeIo.writeSync(fd, text)),
        fdatasyncSync: (fd) => (step(), nodeIo.fdatasyncSync(fd)),
        fsyncSync: (fd) => (step(), nodeIo.fsyncSync(fd)),
        closeSync: (fd) => (step(), nodeIo.closeSync(fd)),
        truncateSync: (fd) => (step(), nodeIo.truncateSync(fd)),
        renameSync: (from, to) => (step(), nodeIo.renameSync(from, to)),
        unlinkSync: (file) => (step(), nodeIo.unlinkSync(file)),
        fsyncDirSync: (dir) => (step(), nodeIo.fsyncDirSync(dir)),
        open: async (file) => (step(), nodeIo.openSync(file, 'w')),
        write: async (fd, text) => (step(() => nodeIo.writeSync(fd, text.slice(0, text.length >> 1))), nodeIo.writeSync(fd, text)),
        fsync: async (fd) => (step(), nodeIo.fsyncSync(fd)),
        close: async (fd) => (step(), nodeIo.closeSync(fd)),
        fsyncDir: async (dir) => (step(), nodeIo.fsyncDirSync(dir)),
      };
      return { io, state };
    }

    /** Writes, deletes and snapshots; returns what was acknowledged and the write in flight at a crash. */
    async function run(dir: string, io: DataIo) {
      const acknowledged = new Map<string, string>();
      let inFlight: string | undefined;
      let wroteDuringSnapshot = false;
      try {
        const store = createStore({ dataDir: dir, io, compactAtBytes: 300, onSnapshotError: () => undefined });
        for (let i = 0; i < 14; i++) {
          const key = `r${i}`;
          const payload = `${'x'.repeat(30)}${i}`;
          inFlight = key;
          // A rotated journal on disk: its snapshot is still being written.
          wroteDuringSnapshot ||= fs.existsSync(path.join(dir, 'journal.old.log'));
          store.put(record(key, { payload }));
          acknowledged.set(key, payload);
          inFlight = undefined;
          if (i === 6) {
            inFlight = 'r2';
            store.remove('r2');
            acknowledged.delete('r2');
            inFlight = undefined;
          }
          // Let the background snapshot take a few steps, or finish.
          if (i % 5 === 4) await store.settled();
          else for (let s = 0; s < 3; s++) await Promise.resolve();
        }
        store.close();
      } catch (error) {
        if (!(error instanceof Crash)) throw error;
      }
      return { acknowledged, inFlight, wroteDuringSnapshot };
    }

    const whole = crashingIo(0);
    const clean = await run(tempDir(), whole.io);
    expect(clean.wroteDuringSnapshot).toBe(true);
    const total = whole.state.ops;
    expect(total).toBeGreaterThan(60);
    for (let crashAt = 1; crashAt <= total; crashAt++) {
      const dir = tempDir();
      const { io, state } = crashingIo(crashAt);
      const { acknowledged, inFlight } = await run(dir, io);
      expect(state.dead).toBe(true);
      const reopened = createStore({ dataDir: dir });
      const found = new Map(reopened.byIndex('test:thing', 'scope', '111111111111:us-east-1').map((r) => [r.key, r.payload as string]));
      // The write in flight may or may not have reached the disk; every acknowledged one did.
      for (const [key, payload] of acknowledged) if (key !== inFlight) expect(found.get(key), `crash at operation ${crashAt}: ${key} lost`).toBe(payload);
      for (const key of found.keys()) expect(acknowledged.has(key) || key === inFlight, `crash at operation ${crashAt}: ${key} was never written`).toBe(true);
      reopened.close();
    }
  });

  it('refuses a data directory another live process holds', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'lock'), String(process.ppid));
    expect(() => createStore({ dataDir: dir })).toThrow(/in use by process/);
  });

  it('never starts empty in place of a damaged file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'snapshot.json'), 'not json');
    await expect(startLatticeLocal({ port: 0, dataDir: dir, seed: 'empty' })).rejects.toThrow(DataFileError);
  });
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // node --import tsx (not the tsx wrapper) so that the pid killed is the emulator itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/emulator/main.ts', '--port', '0', '--data-dir', dataDir, '--log-level', 'silent'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /lattice-local listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

describe('durability across kill -9', () => {
  it('keeps every acknowledged write, and a damaged journal stops start-up naming the file', async () => {
    const dir = tempDir();
    const first = await startProcess(dir);
    const { lattice } = clientsFor(first.url, '111111111111');
    const created = [];
    for (const name of ['durable-a', 'durable-b', 'durable-c']) created.push((await lattice.send(new CreateServiceNetworkCommand({ name }))).id);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await startProcess(dir);
    const listed = await clientsFor(second.url, '111111111111').lattice.send(new ListServiceNetworksCommand({}));
    expect(listed.items!.map((i) => i.id)).toEqual(created);
    second.child.kill('SIGTERM');
    const code = await new Promise((r) => second.child.once('exit', r));
    expect(code).toBe(0);

    fs.writeFileSync(path.join(dir, 'journal.log'), 'deadbeef {"txn":99,"ops":[]}\n');
    const failed = spawn(process.execPath, ['--import', 'tsx', 'lib/emulator/main.ts', '--port', '0', '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    failed.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exit = await new Promise((r) => failed.once('exit', r));
    expect(exit).toBe(2);
    expect(stderr).toContain(path.join(dir, 'journal.log'));
  }, 30_000);
});
