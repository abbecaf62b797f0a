import { type Kysely, sql } from 'kysely';

/** One edit of a function's stored text: `from`, which must occur exactly once, becomes `to`. */
export type TextEdit = readonly [from: string, to: string];

/**
 * Redefines a function (`signature`, e.g. 'f(uuid, date[])') by edits of its stored text, so that a migration
 * states what changes and nothing else. Throws, changing nothing, unless each `from` occurs exactly once.
 */
export async function editFunctionText(
  db: Kysely<any>,
  signature: string,
  edits: readonly TextEdit[],
): Promise<void> {
  const { rows } = await sql<{ definition: string }>`
    SELECT pg_get_functiondef(${signature}::regprocedure) AS definition`.execute(db);
  let definition = rows[0]?.definition ?? '';
  for (const [from, to] of edits) {
    if (definition.split(from).length !== 2) {
      throw new Error(`${signature} does not hold exactly one ${JSON.stringify(from)}`);
    }
    definition = definition.replace(from, () => to);
  }
  await sql.raw(definition).execute(db);
}

/** The edits that undo `edits`. */
export const reversed = (edits: readonly TextEdit[]): TextEdit[] =>
  [...edits].reverse().map(([from, to]) => [to, from] as const);
