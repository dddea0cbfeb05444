// The state of every account and region: records keyed by ARN (or another unique key),
// ordered by a global sequence number, with per-kind indexes so lists cost O(page).
// Writes happen inside transactions: all-or-nothing in memory, journaled and fsync'd on commit.
// Snapshots (when the journal passes compactAtBytes) are written in the background.
import { type DataIo, type Journal, type JournalOp, type Snapshot, hasRotatedJournal, loadDataDir, openJournal, resetDataDir } from './journal';

export { DataFileError, type DataIo } from './journal';

/** One stored thing: a Lattice resource, an EC2 resource, a RAM share, an STS session… */
export interface StoredRecord {
  /** Unique key: the ARN for resources that have one. */
  key: string;
  kind: string;
  account: string;
  region: string;
  /** Global creation order; lists are sorted by it. */
  seq: number;
  [field: string]: unknown;
}

/** A record to store; `seq` is assigned when absent. */
export interface NewRecord {
  key: string;
  kind: string;
  account: string;
  region: string;
  seq?: number;
  [field: string]: unknown;
}

export type IndexFunction = (record: StoredRecord) => string | string[] | undefined;

export interface KindDefinition {
  /** Secondary indexes by name. Every kind is also indexed by `scope` (`account:region`). */
  indexes?: Record<string, IndexFunction>;
}

export interface Store {
  defineKind(kind: string, definition: KindDefinition): void;
  get(key: string): StoredRecord | undefined;
  /**
   * Inserts or replaces (never mutate a stored record in place: put a copy); a new record gets
   * the next sequence number. Outside a transaction a write commits on its own.
   */
  put(record: NewRecord): StoredRecord;
  remove(key: string): void;
  /** Records of `kind` under an index value, in sequence order. Do not mutate the array. */
  byIndex(kind: string, index: string, value: string): readonly StoredRecord[];
  /** Every record of a kind, in sequence order. */
  all(kind: string): readonly StoredRecord[];
  transaction<T>(fn: () => T): T;
  /** Runs `fn` with journaling suspended, then writes one snapshot (for seeding thousands of records). */
  bulk<T>(fn: () => Promise<T>): Promise<T>;
  grantAccess(resourceArn: string, consumerAccount: string): void;
  revokeAccess(resourceArn: string, consumerAccount: string): void;
  /** ARNs shared with and accepted by `account`. */
  sharedWith(account: string): string[];
  /** Accounts a resource is shared with. */
  grantees(resourceArn: string): string[];
  getMeta<T>(key: string): T | undefined;
  setMeta(key: string, value: unknown): void;
  /** Accounts that own at least one record. */
  accounts(): string[];
  isEmpty(): boolean;
  /** Writes a snapshot now, synchronously (seeding, stop); the journal's growth triggers background ones. */
  compact(): void;
  /** Resolves when no background snapshot is being written (at once when none is). */
  settled(): Promise<void>;
  close(): void;
}

export interface StoreOptions {
  /** Directory for the journal and snapshots; memory only when undefined. */
  dataDir?: string;
  /** Start empty, discarding what the data directory holds. */
  reset?: boolean;
  /** Journal size in bytes that triggers a background snapshot. */
  compactAtBytes?: number;
  /** File operations (tests inject crashes through them). */
  io?: DataIo;
  /** A background snapshot failed; the journals still hold everything and the next one retries. Default: stderr. */
  onSnapshotError?: (error: unknown) => void;
}

interface KindState {
  indexes: Record<string, IndexFunction>;
  lists: Map<string, Map<string, StoredRecord[]>>;
}

const EMPTY: readonly StoredRecord[] = Object.freeze([]);

function asValues(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function findSeq(list: StoredRecord[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first record with a sequence number greater than `seq`. */
export function firstAfter(list: readonly StoredRecord[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createStore(options: StoreOptions = {}): Store {
  const records = new Map<string, StoredRecord>();
  const kinds = new Map<string, KindState>();
  const grants = new Map<string, Set<string>>(); // resourceArn → accounts
  const sharedIndex = new Map<string, Set<string>>(); // account → resourceArns
  const meta = new Map<string, unknown>();
  let seq = 0;
  let txn = 0;
  let pending: JournalOp[] | undefined;
  let undo: (() => void)[] | undefined;
  let bulkDepth = 0;
  let journal: Journal | undefined;
  const compactAt = options.compactAtBytes ?? 8 * 1024 * 1024;

  function kindState(kind: string): KindState {
    let state = kinds.get(kind);
    if (!state) {
      state = { indexes: { scope: (r) => `${r.account}:${r.region}` }, lists: new Map() };
      kinds.set(kind, state);
    }
    return state;
  }

  function indexInsert(state: KindState, index: string, value: string, record: StoredRecord): void {
    let byValue = state.lists.get(index);
    if (!byValue) state.lists.set(index, (byValue = new Map()));
    let list = byValue.get(value);
    if (!list) byValue.set(value, (list = []));
    const at = findSeq(list, record.seq);
    if (list[at]?.seq === record.seq) list[at] = record;
    else if (at === list.length) list.push(record);
    else list.splice(at, 0, record);
  }

  function indexRemove(state: KindState, index: string, value: string, record: StoredRecord): void {
    const byValue = state.lists.get(index);
    const list = byValue?.get(value);
    if (!list) return;
    const at = findSeq(list, record.seq);
    if (list[at]?.seq === record.seq) list.splice(at, 1);
    if (list.length === 0) byValue!.delete(value);
  }

  function reindex(previous: StoredRecord | undefined, next: StoredRecord | undefined): void {
    const kind = (next ?? previous)!.kind;
    const state = kindState(kind);
    for (const [index, fn] of Object.entries(state.indexes)) {
      const before = previous ? asValues(fn(previous)) : [];
      const after = next ? asValues(fn(next)) : [];
      for (const value of before) if (!after.includes(value)) indexRemove(state, index, value, previous!);
      for (const value of after) indexInsert(state, index, value, next!);
    }
  }

  // Raw mutations, shared by live writes and replay.
  function applyPut(record: StoredRecord): void {
    const previous = records.get(record.key);
    if (previous && previous.kind !== record.kind) reindex(previous, undefined);
    records.set(record.key, record);
    reindex(previous && previous.kind === record.kind ? previous : undefined, record);
    if (record.seq > seq) seq = record.seq;
  }
  function applyDelete(key: string): void {
    const previous = records.get(key);
    if (!previous) return;
    records.delete(key);
    reindex(previous, undefined);
  }
  function applyGrant(arn: string, account: string): void {
    let set = grants.get(arn);
    if (!set) grants.set(arn, (set = new Set()));
    set.add(account);
    let shared = sharedIndex.get(account);
    if (!shared) sharedIndex.set(account, (shared = new Set()));
    shared.add(arn);
  }
  function applyRevoke(arn: string, account: string): void {
    grants.get(arn)?.delete(account);
    if (grants.get(arn)?.size === 0) grants.delete(arn);
    sharedIndex.get(account)?.delete(arn);
  }
  function applyOp(op: JournalOp): void {
    switch (op[0]) {
      case 'put':
        applyPut(op[1] as StoredRecord);
        break;
      case 'del':
        applyDelete(op[1]);
        break;
      case 'grant':
        applyGrant(op[1], op[2]);
        break;
      case 'revoke':
        applyRevoke(op[1], op[2]);
        break;
      case 'meta':
        if (op[2] === undefined) meta.delete(op[1]);
        else meta.set(op[1], op[2]);
        break;
    }
  }


  /**
   * The state as it stands, by reference: stored records are never mutated (a write puts a
   * copy), so the capture stays true while later writes go on. Grants are mutable sets: copied.
   */
  function snapshotOf(): Snapshot {
    return {
      format: 'lattice-local-snapshot',
      version: 1,
      txn,
      seq,
      records: Array.from(records.values()),
      grants: [...grants.entries()].map(([arn, accounts]) => [arn, [...accounts]]),
      meta: [...meta.entries()],
    };
  }

  const onSnapshotError = options.onSnapshotError ?? ((error: unknown) => console.error('lattice-local: a background snapshot failed; the journal keeps every write and the next snapshot retries:', error));

  /** After a commit: a snapshot in the background once the journal has grown past the mark. */
  function snapshotIfDue(): void {
    if (!journal || journal.size() <= compactAt || journal.snapshotting()) return;
    try {
      // Writes that came in meanwhile may have grown the new journal past the mark already.
      journal.snapshotInBackground(snapshotOf).then(snapshotIfDue, onSnapshotError);
    } catch (error) {
      // The commit is durable already; the rotation failing does not undo it.
      onSnapshotError(error);
    }
  }

  // Load what the data directory holds before accepting any write.
  if (options.dataDir) {
    journal = openJournal(options.dataDir, options.io);
    try {
      if (options.reset) resetDataDir(options.dataDir);
      const loaded = loadDataDir(options.dataDir);
      if (loaded.snapshot) {
        for (const record of loaded.snapshot.records) applyPut(record as StoredRecord);
        for (const [arn, accounts] of loaded.snapshot.grants) for (const account of accounts) applyGrant(arn, account);
        for (const [k, v] of loaded.snapshot.meta) meta.set(k, v);
        seq = Math.max(seq, loaded.snapshot.seq);
        txn = loaded.snapshot.txn;
      }
      for (const tx of loaded.transactions) {
        for (const op of tx.ops) applyOp(op);
        txn = Math.max(txn, tx.txn);
      }
      // A crash came between a rotation and its snapshot: fold both journals into one snapshot now.
      if (hasRotatedJournal(options.dataDir)) journal.writeSnapshot(snapshotOf());
    } catch (error) {
      journal.close();
      throw error;
    }
  }

  const store: Store = {
    defineKind(kind, definition) {
      const state = kindState(kind);
      const added = Object.entries(definition.indexes ?? {}).filter(([name]) => !(name in state.indexes));
      Object.assign(state.indexes, definition.indexes);
      // Records loaded before the kind was defined get the new indexes too.
      if (added.length) {
        for (const record of records.values()) {
          if (record.kind !== kind) continue;
          for (const [index, fn] of added) for (const value of asValues(fn(record))) indexInsert(state, index, value, record);
        }
      }
    },
    get: (key) => records.get(key),
    put(input) {
      if (!pending) return store.transaction(() => store.put(input)); // a write on its own commits alone
      const previous = records.get(input.key);
      const record = { ...input, seq: input.seq ?? previous?.seq ?? ++seq } as StoredRecord;
      applyPut(record);
      pending!.push(['put', record]);
      undo!.push(() => (previous ? applyPut(previous) : applyDelete(record.key)));
      return record;
    },
    remove(key) {
      if (!pending) return store.transaction(() => store.remove(key));
      const previous = records.get(key);
      if (!previous) return;
      applyDelete(key);
      pending!.push(['del', key]);
      undo!.push(() => applyPut(previous));
    },
    byIndex(kind, index, value) {
      return kinds.get(kind)?.lists.get(index)?.get(value) ?? EMPTY;
    },
    all(kind) {
      const state = kinds.get(kind);
      if (!state) return EMPTY;
      const lists = [...(state.lists.get('scope')?.values() ?? [])];
      return lists.flat().sort((a, b) => a.seq - b.seq);
    },
    transaction(fn) {
      if (pending) return fn(); // nested: part of the outer transaction
      pending = [];
      undo = [];
      let journaled = false;
      let result: ReturnType<typeof fn>;
      try {
        result = fn();
        if (pending.length > 0) {
          txn++;
          if (journal && bulkDepth === 0) {
            journal.append({ txn, ops: pending });
            journaled = true;
          }
        }
      } catch (error) {
        for (const step of undo.reverse()) step();
        throw error;
      } finally {
        pending = undefined;
        undo = undefined;
      }
      if (journaled) snapshotIfDue();
      return result;
    },
    async bulk(fn) {
      bulkDepth++;
      try {
        return await fn();
      } finally {
        bulkDepth--;
        if (bulkDepth === 0) store.compact();
      }
    },
    grantAccess(arn, account) {
      if (!pending) return store.transaction(() => store.grantAccess(arn, account));
      if (grants.get(arn)?.has(account)) return;
      applyGrant(arn, account);
      pending!.push(['grant', arn, account]);
      undo!.push(() => applyRevoke(arn, account));
    },
    revokeAccess(arn, account) {
      if (!pending) return store.transaction(() => store.revokeAccess(arn, account));
      if (!grants.get(arn)?.has(account)) return;
      applyRevoke(arn, account);
      pending!.push(['revoke', arn, account]);
      undo!.push(() => applyGrant(arn, account));
    },
    sharedWith: (account) => [...(sharedIndex.get(account) ?? [])],
    grantees: (arn) => [...(grants.get(arn) ?? [])],
    getMeta: <T>(key: string) => meta.get(key) as T | undefined,
    setMeta(key, value) {
      if (!pending) return store.transaction(() => store.setMeta(key, value));
      const previous = meta.get(key);
      const had = meta.has(key);
      if (value === undefined) meta.delete(key);
      else meta.set(key, value);
      pending!.push(['meta', key, value]);
      undo!.push(() => (had ? meta.set(key, previous) : meta.delete(key)));
    },
    accounts() {
      const seen = new Set<string>();
      for (const record of records.values()) seen.add(record.account);
      return [...seen].sort();
    },
    isEmpty: () => records.size === 0 && grants.size === 0,
    compact() {
      if (journal) journal.writeSnapshot(snapshotOf());
    },
    async settled() {
      while (journal?.snapshotting()) await journal.snapshotInBackground(snapshotOf).catch(() => undefined);
    },
    close() {
      if (!journal) return;
      if (journal.size() > 0 || journal.snapshotting() || hasRotatedJournal(journal.dir)) store.compact();
      journal.close();
      journal = undefined;
    },
  };
  return store;
}
