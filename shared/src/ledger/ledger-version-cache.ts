/**
 * One API instance's memory of users' ledger versions and of what it computed at each version (issue 16), so an
 * unchanged read costs no query: a 304 compares the tag with the remembered version, a dashboard summary is
 * served as computed at that version. Pure: no I/O, the clock is passed in.
 *
 * It stays correct because it is told of every change: the database announces each version change of a user
 * at commit (migration 2026_11_29_2320_ledger_version_notify, heard by listenForLedgerChanges), this instance's
 * own writes are told at once (before their response leaves, for read-your-writes), and while nothing is
 * listening (the connection lost, not yet re-established) it remembers nothing. A version read from the
 * database is kept only if no change of that user was told while the read was in flight (the ticket), so a
 * slow read never stores a version older than a change already heard. Entries also expire after `maxAgeMs`:
 * the bound on staleness should the listening connection die without the socket saying so.
 */
export interface LedgerVersionCache {
  /** The user's version if remembered and fresh, else undefined (ask the database). */
  version(userId: string): number | undefined;
  /** Take before reading the version from the database; hand it to `remember` with what was read. */
  ticket(): number;
  remember(userId: string, ticket: number, version: number): void;
  /** What was computed for `key` at `version`: the same promise for every caller, computed once. */
  memo<T>(userId: string, version: number, key: string, compute: () => Promise<T>): Promise<T>;
  /** The user's ledger changed (announced by the database, or written by this instance): forget it. */
  changed(userId: string): void;
  /** Changes may have been missed (the listening connection is down): forget everything, remember nothing. */
  suspend(): void;
  /** Listening again (LISTEN acknowledged): remember what is read from now on. */
  resume(): void;
}

export interface LedgerVersionCacheOptions {
  now: () => number;
  /** How long a remembered version is trusted without a word from the database. */
  maxAgeMs?: number;
  /** Users remembered at once (least recently stored dropped first). */
  maxUsers?: number;
  /** Computed results kept per user at one version. */
  maxMemosPerUser?: number;
}

interface Entry {
  version: number;
  storedAt: number;
  memos: Map<string, Promise<unknown>>;
}

/** Changes remembered by user for in-flight tickets; beyond this many the oldest tickets are refused. */
const MAX_CHANGES_TRACKED = 10_000;

export function createLedgerVersionCache(options: LedgerVersionCacheOptions): LedgerVersionCache {
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  const maxUsers = options.maxUsers ?? 1_000;
  const maxMemos = options.maxMemosPerUser ?? 8;
  const entries = new Map<string, Entry>();
  /** Increases with every change told; a ticket is its value when taken. */
  let clock = 0;
  /** The clock at each user's latest change (bounded: cleared wholesale, raising `floor`). */
  const changedAt = new Map<string, number>();
  /** Tickets older than this are refused: changes before it are no longer tracked. */
  let floor = 0;
  let listening = false;

  const fresh = (userId: string): Entry | undefined => {
    const entry = entries.get(userId);
    if (!entry) return undefined;
    if (options.now() - entry.storedAt >= maxAgeMs) {
      entries.delete(userId);
      return undefined;
    }
    return entry;
  };

  return {
    version: (userId) => (listening ? fresh(userId)?.version : undefined),
    ticket: () => clock,
    remember(userId, ticket, version) {
      if (!listening || ticket < floor || (changedAt.get(userId) ?? -1) > ticket) return;
      const known = fresh(userId);
      if (known && known.version === version) return;
      entries.delete(userId);
      if (entries.size >= maxUsers) entries.delete(entries.keys().next().value as string);
      entries.set(userId, { version, storedAt: options.now(), memos: new Map() });
    },
    memo<T>(userId: string, version: number, key: string, compute: () => Promise<T>): Promise<T> {
      const entry = listening ? fresh(userId) : undefined;
      if (!entry || entry.version !== version) return compute();
      const held = entry.memos.get(key);
      if (held) return held as Promise<T>;
      const computing = compute();
      if (entry.memos.size >= maxMemos) entry.memos.delete(entry.memos.keys().next().value as string);
      entry.memos.set(key, computing);
      // A failure is not remembered: the next caller computes again.
      computing.catch(() => {
        if (entry.memos.get(key) === computing) entry.memos.delete(key);
      });
      return computing;
    },
    changed(userId) {
      clock += 1;
      entries.delete(userId);
      if (changedAt.size >= MAX_CHANGES_TRACKED) {
        changedAt.clear();
        floor = clock;
      }
      changedAt.set(userId, clock);
    },
    suspend() {
      listening = false;
      clock += 1;
      floor = clock;
      entries.clear();
      changedAt.clear();
    },
    resume() {
      // A read begun while deaf may have missed a change made then: its ticket is refused.
      clock += 1;
      floor = clock;
      listening = true;
    },
  };
}
