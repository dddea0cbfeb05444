// Durability: a snapshot plus an append-only journal of transactions in the data directory.
// Every line is `<crc32> <json>`; a line is acknowledged only after it has been fsync'd.
// A torn last line (the process died while writing it) was never acknowledged and is dropped;
// any other damage stops start-up with the file's name.
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
const LOCK = 'lock';

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
  /** Bytes in the journal since the last snapshot. */
  size(): number;
  /** Writes a snapshot atomically, then empties the journal. */
  writeSnapshot(snapshot: Snapshot): void;
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
  const transactions: Transaction[] = [];
  if (fs.existsSync(journalFile)) {
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
  return { snapshot, transactions };
}

/** Opens (and locks) the data directory for appending. */
export function openJournal(dir: string): Journal {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, LOCK);
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) {
      throw new Error(`lattice-local: ${dir} is in use by process ${pid}; stop it first or use another --data-dir`);
    }
  }
  fs.writeFileSync(lockFile, String(process.pid));
  const journalFile = path.join(dir, JOURNAL);
  let fd = fs.openSync(journalFile, 'a');
  let bytes = fs.fstatSync(fd).size;
  let closed = false;

  return {
    dir,
    append(tx) {
      const json = JSON.stringify(tx);
      const line = `${checksum(json)} ${json}\n`;
      fs.writeSync(fd, line);
      fs.fdatasyncSync(fd);
      bytes += Buffer.byteLength(line);
    },
    size: () => bytes,
    writeSnapshot(snapshot) {
      const file = path.join(dir, SNAPSHOT);
      const tmp = `${file}.tmp`;
      const tfd = fs.openSync(tmp, 'w');
      try {
        fs.writeSync(tfd, JSON.stringify(snapshot));
        fs.fsyncSync(tfd);
      } finally {
        fs.closeSync(tfd);
      }
      fs.renameSync(tmp, file);
      fsyncDir(dir);
      // Every journal line is now in the snapshot (txn ≤ snapshot.txn), so the journal restarts.
      fs.closeSync(fd);
      fs.writeFileSync(journalFile, '');
      fd = fs.openSync(journalFile, 'a');
      fs.fsyncSync(fd);
      bytes = 0;
    },
    close() {
      if (closed) return;
      closed = true;
      fs.closeSync(fd);
      try {
        if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockFile);
      } catch {
        // Lock already gone.
      }
    },
  };
}

/** Removes every data file (for --reset). */
export function resetDataDir(dir: string): void {
  for (const name of [SNAPSHOT, `${SNAPSHOT}.tmp`, JOURNAL]) fs.rmSync(path.join(dir, name), { force: true });
}
