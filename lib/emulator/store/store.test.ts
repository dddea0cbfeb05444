import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateServiceNetworkCommand, ListServiceNetworksCommand } from '@aws-sdk/client-vpc-lattice';
import { afterEach, describe, expect, it } from 'vitest';
import { clientsFor } from '@/lib/testing/clients';
import { DataFileError, startLatticeLocal } from '../index';
import { createStore } from './index';

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

  it('compacts into a snapshot and starts from it; refuses a damaged snapshot', () => {
    const dir = tempDir();
    const store = createStore({ dataDir: dir, compactAtBytes: 200 });
    for (let i = 0; i < 10; i++) store.put(record(`r${i}`, { payload: 'x'.repeat(50) }));
    expect(fs.existsSync(path.join(dir, 'snapshot.json'))).toBe(true);
    expect(fs.statSync(path.join(dir, 'journal.log')).size).toBeLessThan(400);
    store.close();
    const reopened = createStore({ dataDir: dir });
    expect(reopened.byIndex('test:thing', 'scope', '111111111111:us-east-1')).toHaveLength(10);
    reopened.close();
    fs.writeFileSync(path.join(dir, 'snapshot.json'), '{"format":"lattice-local-snapshot","vers');
    expect(() => createStore({ dataDir: dir })).toThrow(/snapshot\.json is damaged/);
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
