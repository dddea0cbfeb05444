// Durability: a snapshot plus an append-only journal of transactions in the data directory.
// Every line is `<crc32> <json>`; a line is acknowledged only after it has been fsync'd.
// A torn last line (the process died while writing it) was never acknowledged and is dropped;
// any other damage stops start-up with the file's name.
//
// Snapshots are written off the request path: the journal is rotated (journal.log becomes
// journal.old.log, new transactions go to a fresh journal.log), the state is captured by
// reference (stored records are never mutated) and written in slices between requests to a
// temporary file, which is fsync'd and renamed over snapshot.json; only then is the rotated
// journal removed. Start-up replays snapshot.json, journal.old.log, journal.log, skipping what
// the snapshot holds, so a crash at any step leaves every acknowledged transaction.
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';

export type JournalOp =
  | ['put', Record<string, unknown>]
  | ['del', string]
  | ['grant', string, string]
  | ['revoke', string, string]
  | ['meta', string, unknown];

export interface Snapshot {
  format: 'lattice-local-snapshot';
  version: 1;
  /** Last transaction number included. */
  txn: number;
  seq: number;
  records: Record<string, unknown>[];
  grants: [string, string[]][];
  meta: [string, unknown][];
}

export interface Transaction {
  txn: number;
  ops: JournalOp[];
}

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`lattice-local: the data file ${file} is damaged (${reason}); refusing to start. Move it away or start with --reset to begin empty.`);
    this.name = 'DataFileError';
  }
}

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.log';
const ROTATED = 'journal.old.log';
const LOCK = 'lock';
/** Temporary files of a snapshot being written: the synchronous one, the one written in slices. */
const SNAPSHOT_TMP = `${SNAPSHOT}.tmp`;
const SNAPSHOT_PARTIAL = `${SNAPSHOT}.partial`;
/** Bytes of records serialized per slice: about a millisecond of work between requests. */
const SLICE_BYTES = 128 * 1024;

/**
 * The file operations the journal uses. Tests replace them to stop the "process" at any one
 * of them (a crash) and check what a restart finds.
 */
export interface DataIo {
  openSync(file: string, flags: 'a' | 'w'): number;
  writeSync(fd: number, text: string): void;
  fdatasyncSync(fd: number): void;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  truncateSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  fsyncDirSync(dir: string): void;
  open(file: string): Promise<number>;
  write(fd: number, text: string): Promise<void>;
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  fsyncDir(dir: string): Promise<void>;
}

async function writeAll(fd: number, buffer: Buffer): Promise<void> {
  let at = 0;
  while (at < buffer.length) {
    const { bytesWritten } = await new Promise<{ bytesWritten: number }>((resolve, reject) =>
      fs.write(fd, buffer, at, buffer.length - at, null, (error, bytesWritten) => (error ? reject(error) : resolve({ bytesWritten }))),
    );
    at += bytesWritten;
  }
}

const callback = <T>(run: (done: (error: NodeJS.ErrnoException | null, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));

export const nodeIo: DataIo = {
  openSync: (file, flags) => fs.openSync(file, flags),
  writeSync(fd, text) {
    const buffer = Buffer.from(text, 'utf8');
    let at = 0;
    while (at < buffer.length) at += fs.writeSync(fd, buffer, at, buffer.length - at);
  },
  fdatasyncSync: (fd) => fs.fdatasyncSync(fd),
  fsyncSync: (fd) => fs.fsyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  truncateSync: (fd) => fs.ftruncateSync(fd, 0),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (file) => fs.rmSync(file, { force: true }),
  fsyncDirSync: (dir) => fsyncDir(dir),
  open: (file) => callback<number>((done) => fs.open(file, 'w', done)),
  write: (fd, text) => writeAll(fd, Buffer.from(text, 'utf8')),
  fsync: (fd) => callback<void>((done) => fs.fsync(fd, done)),
  close: (fd) => callback<void>((done) => fs.close(fd, done)),
  async fsyncDir(dir) {
    try {
      const fd = await callback<number>((done) => fs.open(dir, 'r', done));
      try {
        await callback<void>((done) => fs.fsync(fd, done));
      } finally {
        await callback<void>((done) => fs.close(fd, done));
      }
    } catch {
      // Some filesystems refuse to fsync a directory; the rename is still atomic there.
    }
  },
};

function checksum(text: string): string {
  return crc32(text).toString(16).padStart(8, '0');
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic there.
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Journal {
  readonly dir: string;
  /** Appends one transaction and fsyncs it; returns once it is durable. */
  append(tx: Transaction): void;
  /** Bytes in the current journal file. */
  size(): number;
  /** Writes a snapshot of everything now, then empties the journal (start-up, seeding, stop). */
  writeSnapshot(snapshot: Snapshot): void;
  /**
   * Starts a snapshot written in slices between requests: rotates the journal (unless a rotated
   * one is still waiting for its snapshot), then writes `capture()`'s state, taken right after
   * the rotation. Resolves when the snapshot is durable and the rotated journal removed, or
   * when writeSnapshot or close overtook it. Rejects on a file error (the rotated journal stays
   * and a later snapshot covers it).
   */
  snapshotInBackground(capture: () => Snapshot): Promise<void>;
  /** True while a background snapshot is being written. */
  snapshotting(): boolean;
  close(): void;
}

export interface LoadedState {
  snapshot?: Snapshot;
  transactions: Transaction[];
}

/** Reads the data directory: the snapshot, then every journal transaction after it. */
export function loadDataDir(dir: string): LoadedState {
  const snapshotFile = path.join(dir, SNAPSHOT);
  const journalFile = path.join(dir, JOURNAL);
  let snapshot: Snapshot | undefined;
  if (fs.existsSync(snapshotFile)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(snapshotFile, 'utf8'));
    } catch (error) {
      throw new DataFileError(snapshotFile, `not valid JSON: ${(error as Error).message}`);
    }
    const s = parsed as Partial<Snapshot>;
    if (s.format !== 'lattice-local-snapshot' || s.version !== 1 || !Array.isArray(s.records) || typeof s.txn !== 'number') {
      throw new DataFileError(snapshotFile, 'not a lattice-local snapshot of a known version');
    }
    snapshot = s as Snapshot;
  }
  if (snapshot) {
    // Written from a capture in store order, which is creation order but for undone deletes.
    snapshot.records.sort((a, b) => (a.seq as number) - (b.seq as number));
  }
  const transactions: Transaction[] = [];
  for (const file of [path.join(dir, ROTATED), journalFile]) readJournal(file, snapshot, transactions);
  return { snapshot, transactions };
}

function readJournal(journalFile: string, snapshot: Snapshot | undefined, transactions: Transaction[]): void {
  {
    if (!fs.existsSync(journalFile)) return;
    const text = fs.readFileSync(journalFile, 'utf8');
    const lines = text.split('\n');
    const torn = lines.pop(); // text after the last newline: empty, or a torn write
    if (torn && torn.length > 0) {
      // Never fsync'd to completion, so never acknowledged: cut it off.
      fs.truncateSync(journalFile, Buffer.byteLength(text) - Buffer.byteLength(torn));
    }
    lines.forEach((line, i) => {
      const space = line.indexOf(' ');
      const sum = line.slice(0, space);
      const json = line.slice(space + 1);
      if (space !== 8 || checksum(json) !== sum) throw new DataFileError(journalFile, `line ${i + 1} fails its checksum`);
      try {
        const tx = JSON.parse(json) as Transaction;
        if (snapshot && tx.txn <= snapshot.txn) return;
        transactions.push(tx);
      } catch (error) {
        throw new DataFileError(journalFile, `line ${i + 1}: ${(error as Error).message}`);
      }
    });
  }
}

/** The snapshot as JSON text in slices (records last, a slice of them at a time). */
function* snapshotSlices(snapshot: Snapshot): Generator<string> {
  const { records, ...head } = snapshot;
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)},"records":[`;
  let slice = '';
  for (let i = 0; i < records.length; i++) {
    slice += (i === 0 ? '' : ',') + JSON.stringify(records[i]);
    if (slice.length >= SLICE_BYTES) {
      yield slice;
      slice = '';
    }
  }
  yield `${slice}]}`;
}

/** Opens (and locks) the data directory for appending. */
export function openJournal(dir: string, io: DataIo = nodeIo): Journal {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, LOCK);
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) {
      throw new Error(`lattice-local: ${dir} is in use by process ${pid}; stop it first or use another --data-dir`);
    }
  }
  fs.writeFileSync(lockFile, String(process.pid));
  // Leftovers of a snapshot a crash interrupted; snapshot.json and the journals still hold it all.
  for (const name of [SNAPSHOT_TMP, SNAPSHOT_PARTIAL]) fs.rmSync(path.join(dir, name), { force: true });
  const journalFile = path.join(dir, JOURNAL);
  const rotatedFile = path.join(dir, ROTATED);
  const snapshotFile = path.join(dir, SNAPSHOT);
  let fd = io.openSync(journalFile, 'a');
  let bytes = fs.fstatSync(fd).size;
  let closed = false;
  /** The background snapshot in progress; writeSnapshot and close cancel it. */
  let background: { cancelled: boolean; done: Promise<void> } | undefined;

  function cancelBackground(): void {
    if (background) background.cancelled = true;
    background = undefined;
  }

  async function writeInSlices(state: { cancelled: boolean }, snapshot: Snapshot): Promise<void> {
    const tmp = path.join(dir, SNAPSHOT_PARTIAL);
    const tfd = await io.open(tmp);
    let open = true;
    try {
      for (const slice of snapshotSlices(snapshot)) {
        if (state.cancelled) return;
        await io.write(tfd, slice);
      }
      await io.fsync(tfd);
      open = false;
      await io.close(tfd);
      // Synchronous from the check on, so a writeSnapshot cannot slip in between.
      if (state.cancelled) return;
      io.renameSync(tmp, snapshotFile);
      await io.fsyncDir(dir);
      // The snapshot is durable; what the rotated journal held is in it.
      if (state.cancelled) return;
      io.unlinkSync(rotatedFile);
    } finally {
      if (open) await io.close(tfd).catch(() => undefined);
    }
  }

  return {
    dir,
    append(tx) {
      const json = JSON.stringify(tx);
      const line = `${checksum(json)} ${json}\n`;
      io.writeSync(fd, line);
      io.fdatasyncSync(fd);
      bytes += Buffer.byteLength(line);
    },
    size: () => bytes,
    writeSnapshot(snapshot) {
      cancelBackground();
      const tmp = path.join(dir, SNAPSHOT_TMP);
      const tfd = io.openSync(tmp, 'w');
      try {
        for (const slice of snapshotSlices(snapshot)) io.writeSync(tfd, slice);
        io.fsyncSync(tfd);
      } finally {
        io.closeSync(tfd);
      }
      io.renameSync(tmp, snapshotFile);
      io.fsyncDirSync(dir);
      // Every journal line is now in the snapshot (txn ≤ snapshot.txn), so the journals restart.
      io.unlinkSync(rotatedFile);
      io.truncateSync(fd);
      io.fsyncSync(fd);
      bytes = 0;
    },
    snapshotInBackground(capture) {
      if (background) return background.done;
      if (!fs.existsSync(rotatedFile)) {
        // Rotate: the new journal's directory entry is made durable before anything is appended to it.
        io.closeSync(fd);
        io.renameSync(journalFile, rotatedFile);
        fd = io.openSync(journalFile, 'a');
        io.fsyncDirSync(dir);
        bytes = 0;
      }
      const state = { cancelled: false, done: Promise.resolve() };
      const snapshot = capture();
      state.done = writeInSlices(state, snapshot).finally(() => {
        if (background === state) background = undefined;
      });
      background = state;
      return state.done;
    },
    snapshotting: () => background !== undefined,
    close() {
      if (closed) return;
      closed = true;
      cancelBackground();
      io.closeSync(fd);
      try {
        if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
      } catch {
        // Lock already gone.
      }
    },
  };
}

/** True when a rotated journal waits for its snapshot (a crash came between the two). */
export function hasRotatedJournal(dir: string): boolean {
  return fs.existsSync(path.join(dir, ROTATED));
}

/** Removes every data file (for --reset). */
export function resetDataDir(dir: string): void {
  for (const name of [SNAPSHOT, SNAPSHOT_TMP, SNAPSHOT_PARTIAL, ROTATED, JOURNAL]) fs.rmSync(path.join(dir, name), { force: true });
}
