import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './create-database.ts';

/** A value COPY writes: null is SQL NULL; a Date as its ISO timestamp; strings as a text[] literal. */
export type CopyValue = string | number | boolean | Date | readonly string[] | null;

/** Where a handle keeps its pool: a property (not a WeakMap), so a Proxy of the handle still finds it. */
const COPY_POOL = Symbol('finsync.copyPool');
type WithPool = { [COPY_POOL]?: pg.Pool };

/** Called by createDatabase: the PostgreSQL pool behind a handle, for COPY (Kysely has no COPY). */
export function registerCopyPool(db: Db, pool: pg.Pool): void {
  Object.defineProperty(db, COPY_POOL, { value: pool });
}

/** Whether `db` can COPY (a PostgreSQL handle from createDatabase; the embedded database cannot). */
export function canCopy(db: Db): boolean {
  return (db as WithPool)[COPY_POOL] !== undefined;
}

/**
 * Streams rows into `table` with `COPY … FROM STDIN` on a connection of the handle's own pool, as one
 * statement (its own transaction). Call it on the handle, never inside a transaction: on a pool of one it
 * waits for the connection that transaction holds. Rows are encoded in COPY's text format as they are read,
 * 2,000 to a chunk, so the whole payload is never in memory at once.
 */
export async function copyRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  await copyEncoded(db, table, columns, textChunks(rows));
}

/**
 * As copyRows, for rows a caller encodes itself: each chunk is whole lines of COPY's text format (fields by
 * copyField, tab-separated, each line ending in a newline), as text or already UTF-8 encoded, read as the
 * statement sends them.
 */
export async function copyEncoded(
  db: Db,
  table: string,
  columns: readonly string[],
  chunks: Iterable<string | Buffer>,
): Promise<void> {
  const pool = (db as WithPool)[COPY_POOL];
  if (!pool) throw new Error('copyRows needs a PostgreSQL handle made by createDatabase');
  const client = await pool.connect();
  try {
    await pipeline(
      Readable.from(chunks),
      client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
    );
  } catch (error) {
    // A COPY that failed midway leaves the connection in an unknown state: drop it rather than reuse it.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
  client.release();
}

function* textChunks(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = '';
  let n = 0;
  for (const row of rows) {
    chunk += `${row.map(copyField).join('\t')}\n`;
    if (++n === 2000) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}

/**
 * One field in COPY's text format (PostgreSQL docs, "COPY — File Formats — Text Format"): `\N` is NULL, and a
 * backslash, tab, newline or carriage return in the value is escaped with a backslash. Written here because
 * it is these four rules; the CSV libraries' quoting cannot tell NULL from an empty string by itself.
 */
export function copyField(value: CopyValue): string {
  // Most values are text with nothing to escape: tested once, not rewritten through a replace callback.
  if (typeof value === 'string')
    return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, escapeCopy) : value;
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString();
  return copyField(arrayLiteral(value));
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const escapeCopy = (c: string) => COPY_ESCAPES[c] as string;

/** A text[] literal: every element double-quoted, with `"` and `\` inside it escaped by a backslash. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
