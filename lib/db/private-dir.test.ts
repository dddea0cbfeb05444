// Issue 12, point 8: the embedded database is private: its directory 0700 and no file group- or
// world-writable, checked at every start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function modes(dir: string): { path: string; mode: number; isDir: boolean }[] {
  const out: { path: string; mode: number; isDir: boolean }[] = [];
  const visit = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    out.push({ path: path.relative(dir, p) || '.', mode: st.mode & 0o777, isDir: st.isDirectory() });
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
  };
  visit(dir);
  return out;
}

describe('the embedded database directory', () => {
  it('is 0700 with no group- or world-writable file, even under umask 000, and is repaired at the next start', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-private-'));
    dirs.push(parent);
    const dir = path.join(parent, 'db');
    const old = process.umask(0);
    try {
      const db = await openDatabase({ pgliteDir: dir });
      await db.close();
    } finally {
      process.umask(old);
    }
    const after = modes(dir);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((m) => m.isDir && m.mode !== 0o700)).toEqual([]);
    expect(after.filter((m) => m.mode & 0o077)).toEqual([]);

    // Someone loosens it while the console is stopped: the next start tightens it again.
    fs.chmodSync(dir, 0o777);
    const file = after.find((m) => !m.isDir)!;
    fs.chmodSync(path.join(dir, file.path), 0o666);
    const again = await openDatabase({ pgliteDir: dir });
    await again.close();
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, file.path)).mode & 0o077).toBe(0);
  }, 120_000);
});
