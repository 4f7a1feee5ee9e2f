import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { SourcePosition } from '../../shared/plugin.ts';

/** Bits of an event row's `flags`: decisions made at ingest that replay must not remake. */
export const EventFlag = {
  /** Dedup found its id before; it never reached the windows. */
  duplicate: 1,
  /** Its time was too far ahead of the wall clock; kept out of the windows and the clock. */
  future: 2,
  /** It arrived later than the allowed lateness (informational: replay recomputes this). */
  late: 4,
} as const;

/** One event as appended: `seq` is assigned by the log. */
export interface LogRow {
  ts: number;
  sourceNum: number;
  key: string;
  id: string | null;
  payload: string | null;
  flags: number;
}

/** Everything one transaction makes durable together. */
export interface Commit {
  rows: LogRow[];
  /** Engine clock (event time, ms) before the first row of the commit was applied. */
  clockStart: number;
  /** Engine clock after the commit's rows and boundary evaluations. */
  clockEnd: number;
  /** Source id -> its position once these rows are durable. */
  positions: ReadonlyMap<string, SourcePosition>;
  /** Counter name -> value; only the counters that changed. Names are `scope/name`. */
  counters: ReadonlyMap<string, number>;
  /** Named engine state that is not rebuilt from events (burst and alert state), as JSON. */
  state?: ReadonlyMap<string, string>;
}

/** A commit as read back for replay. */
export interface CommitRecord {
  firstSeq: number;
  lastSeq: number;
  clockStart: number;
  clockEnd: number;
}

export interface StoredEvent extends LogRow {
  seq: number;
}

export interface EventLogOptions {
  /** How long a writer waits for a lock held by another connection, ms. */
  busyTimeoutMs?: number;
  /** Bytes the WAL is truncated back to after a checkpoint. */
  journalSizeLimit?: number;
  /** Open without creating or writing (inspection). */
  readonly?: boolean;
  /**
   * Path of a `better_sqlite3.node` to load instead of the package's own build: Electron needs
   * one built for its ABI, kept apart so the Node build in node_modules stays usable.
   */
  nativeBinding?: string;
}

const SCHEMA_VERSION = 1;
const ROWS_PER_STATEMENT = 100;
const COLUMNS = '(seq, ts, source, key, id, payload, flags)';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS sources (
    num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, plugin TEXT NOT NULL, position TEXT);
  CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, source INTEGER NOT NULL, key TEXT NOT NULL,
    id TEXT, payload TEXT, flags INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS commits (
    num INTEGER PRIMARY KEY, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,
    clock_start INTEGER NOT NULL, clock_end INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS commits_by_clock ON commits (clock_end);
  CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/**
 * The durable, append-only event log: a SQLite database in WAL mode. Each `append` is one
 * transaction holding a group of events, the positions of the sources that produced them, the
 * counters and the non-replayable engine state, so a crash never separates them.
 */
export class EventLog {
  readonly file: string;
  private readonly db: Database.Database;
  private readonly insertMany: Database.Statement;
  private readonly insertOne: Database.Statement;
  private readonly appendTx: (commit: Commit) => CommitRecord;
  private readonly statements: ReturnType<EventLog['prepareStatements']>;
  private nextSeq: number;
  private sourceNums = new Map<string, number>();
  /** Reused argument buffer for the multi-row insert, so appends allocate nothing per row. */
  private readonly args: unknown[] = new Array(ROWS_PER_STATEMENT * 7);

  constructor(file: string, options: EventLogOptions = {}) {
    this.file = file;
    this.db = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: false,
      nativeBinding: options.nativeBinding,
    });
    this.configure(options);
    const rowPlaceholders = Array(ROWS_PER_STATEMENT).fill('(?,?,?,?,?,?,?)').join(',');
    this.insertMany = this.db.prepare(`INSERT INTO events ${COLUMNS} VALUES ${rowPlaceholders}`);
    this.insertOne = this.db.prepare(`INSERT INTO events ${COLUMNS} VALUES (?,?,?,?,?,?,?)`);
    this.statements = this.prepareStatements();
    this.appendTx = this.db.transaction((commit: Commit) => this.writeCommit(commit));
    this.nextSeq = this.readLastSeq() + 1;
    for (const row of this.db.prepare('SELECT num, id FROM sources').all() as SourceRow[]) {
      this.sourceNums.set(row.id, row.num);
    }
  }

  private configure(options: EventLogOptions): void {
    this.db.pragma(`busy_timeout = ${Math.floor(options.busyTimeoutMs ?? 5000)}`);
    if (options.readonly) return;
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (kill -9); only a power loss can take back
    // the last commits, and then atomically.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`journal_size_limit = ${Math.floor(options.journalSizeLimit ?? 64 << 20)}`);
    // IMMEDIATE takes the write lock at once: a log we cannot write fails here, at open,
    // not at the first commit; and the schema is created whole or not at all.
    this.db.transaction(() => this.createSchema()).immediate();
  }

  private createSchema(): void {
    this.db.exec(SCHEMA);
    const version = this.db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).get() as
      { value: string } | undefined;
    if (!version) {
      this.db.prepare(`INSERT INTO meta VALUES ('schema', ?)`).run(String(SCHEMA_VERSION));
    } else if (Number(version.value) !== SCHEMA_VERSION) {
      throw new Error(`log schema ${version.value} is not supported (expected ${SCHEMA_VERSION})`);
    }
  }

  private prepareStatements() {
    const upsert = (table: string) =>
      this.db.prepare(
        `INSERT INTO ${table} VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`,
      );
    return {
      commit: this.db.prepare(
        'INSERT INTO commits (first_seq, last_seq, clock_start, clock_end) VALUES (?,?,?,?)',
      ),
      position: this.db.prepare('UPDATE sources SET position = ? WHERE id = ?'),
      counter: upsert('counters'),
      state: upsert('state'),
    };
  }

  /** The number the log uses for a source id in event rows, registering it if new. */
  sourceNum(id: string, plugin: string): number {
    const known = this.sourceNums.get(id);
    if (known !== undefined) return known;
    const result = this.db
      .prepare('INSERT INTO sources (id, plugin) VALUES (?, ?)')
      .run(id, plugin);
    const num = Number(result.lastInsertRowid);
    this.sourceNums.set(id, num);
    return num;
  }

  /** Source id for a number, as stored. */
  sourceIds(): Map<number, string> {
    return new Map([...this.sourceNums].map(([id, num]) => [num, id]));
  }

  /** Appends one commit atomically and returns the seq range its events got. */
  append(commit: Commit): CommitRecord {
    const seqBefore = this.nextSeq;
    try {
      return this.appendTx(commit);
    } catch (error) {
      this.nextSeq = seqBefore; // the transaction rolled back: its seqs were never used
      throw error;
    }
  }

  private writeCommit(commit: Commit): CommitRecord {
    const firstSeq = this.nextSeq;
    this.insertRows(commit.rows);
    const lastSeq = this.nextSeq - 1;
    this.statements.commit.run(firstSeq, lastSeq, commit.clockStart, commit.clockEnd);
    this.writePositions(commit.positions);
    this.writeCounters(commit.counters);
    if (commit.state) this.writeState(commit.state);
    return { firstSeq, lastSeq, clockStart: commit.clockStart, clockEnd: commit.clockEnd };
  }

  private insertRows(rows: LogRow[]): void {
    const args = this.args;
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
      for (let j = 0; j < ROWS_PER_STATEMENT; j++) this.fillArgs(args, j * 7, rows[i + j]);
      this.insertMany.run(args);
    }
    const one = new Array(7);
    for (; i < rows.length; i++) {
      this.fillArgs(one, 0, rows[i]);
      this.insertOne.run(one);
    }
  }

  private fillArgs(args: unknown[], at: number, row: LogRow): void {
    args[at] = this.nextSeq++;
    args[at + 1] = row.ts;
    args[at + 2] = row.sourceNum;
    args[at + 3] = row.key;
    args[at + 4] = row.id;
    args[at + 5] = row.payload;
    args[at + 6] = row.flags;
  }

  private writePositions(positions: ReadonlyMap<string, SourcePosition>): void {
    for (const [id, position] of positions) {
      this.statements.position.run(JSON.stringify(position), id);
    }
  }

  private writeCounters(counters: ReadonlyMap<string, number>): void {
    for (const [name, value] of counters) this.statements.counter.run(name, value);
  }

  private writeState(state: ReadonlyMap<string, string>): void {
    for (const [name, value] of state) this.statements.state.run(name, value);
  }

  private readLastSeq(): number {
    const row = this.db.prepare('SELECT max(seq) AS seq FROM events').get() as {
      seq: number | null;
    };
    return row.seq ?? 0;
  }

  /** The seq of the last logged event (0 when empty). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** The last commit, or undefined for a new log. */
  lastCommit(): CommitRecord | undefined {
    const row = this.db.prepare(`${SELECT_COMMITS} ORDER BY num DESC LIMIT 1`).get();
    return row as CommitRecord | undefined;
  }

  /**
   * The commits, oldest first, from the first one whose clock ended at or after `clock`:
   * replay reads only the span the engine state depends on.
   */
  commitsSince(clock: number): CommitRecord[] {
    const first = this.db
      .prepare('SELECT min(num) AS num FROM commits WHERE clock_end >= ?')
      .get(clock) as { num: number | null };
    if (first.num === null) return [];
    return this.db
      .prepare(`${SELECT_COMMITS} WHERE num >= ? ORDER BY num`)
      .all(first.num) as CommitRecord[];
  }

  /** Events with `from <= seq <= to`, in seq order, read lazily. */
  *events(from: number, to: number): IterableIterator<StoredEvent> {
    const statement = this.db.prepare(
      `SELECT seq, ts, source AS sourceNum, key, id, payload, flags FROM events
       WHERE seq BETWEEN ? AND ? ORDER BY seq`,
    );
    yield* statement.iterate(from, to) as IterableIterator<StoredEvent>;
  }

  positions(): Map<string, SourcePosition> {
    const rows = this.db
      .prepare('SELECT id, position FROM sources WHERE position IS NOT NULL')
      .all() as { id: string; position: string }[];
    return new Map(rows.map((row) => [row.id, JSON.parse(row.position) as SourcePosition]));
  }

  counters(): Map<string, number> {
    const rows = this.db.prepare('SELECT name, value FROM counters').all() as NameValue[];
    return new Map(rows.map((row) => [row.name, Number(row.value)]));
  }

  state(name: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM state WHERE name = ?').get(name) as
      { value: string } | undefined;
    return row?.value;
  }

  /** Moves WAL content into the database and truncates the WAL to its size limit. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** Bytes on disk: the database file plus its WAL. */
  sizeBytes(): number {
    return fileBytes(this.file) + fileBytes(`${this.file}-wal`);
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.db.readonly) this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}

const SELECT_COMMITS = `SELECT first_seq AS firstSeq, last_seq AS lastSeq,
  clock_start AS clockStart, clock_end AS clockEnd FROM commits`;

function fileBytes(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

interface SourceRow {
  num: number;
  id: string;
}

interface NameValue {
  name: string;
  value: number;
}
