import type { CsvMapping } from './csv-mapping.ts';
import { decodeStatementBytes } from './decode-statement-bytes.ts';
import { detectFormat } from './detect-format.ts';
import { type CsvGuess, guessCsvMapping } from './guess-csv-mapping.ts';
import { parseCamt } from './parse-camt.ts';
import { parseCsvStatement } from './parse-csv-statement.ts';
import { parseOfx } from './parse-ofx.ts';
import { parseQif } from './parse-qif.ts';
import type { ParsedStatement, StatementAccountType, StatementFormat } from './statement.ts';
import type { DateOrder } from './statement-date.ts';

export interface ParseStatementOptions {
  /** Overrides detection. */
  readonly format?: StatementFormat;
  /** Day order for QIF and CSV (OFX and CAMT dates have one form). */
  readonly dateOrder?: DateOrder;
  /** A saved CSV mapping; guessed from the file when absent. */
  readonly csvMapping?: CsvMapping;
  /** The receiving account's currency and type, for formats that carry none (QIF, CSV) and the CSV sign guess. */
  readonly currency?: string | null;
  readonly accountType?: StatementAccountType | null;
}

export interface StatementParse {
  readonly statement: ParsedStatement;
  /** For CSV: the mapping used, and what in it was a guess a person should confirm. */
  readonly csv: (CsvGuess & { readonly guessed: boolean }) | null;
}

/** Bytes of any supported statement file → rows in Plaid's sign. Throws StatementError naming where and why. */
export function parseStatement(bytes: Uint8Array, options: ParseStatementOptions = {}): StatementParse {
  const text = decodeStatementBytes(bytes);
  const format = options.format ?? detectFormat(text);
  switch (format) {
    case 'ofx':
      return { statement: parseOfx(text), csv: null };
    case 'camt':
      return { statement: parseCamt(text), csv: null };
    case 'qif':
      return {
        statement: parseQif(text, {
          currency: options.currency ?? null,
          ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
        }),
        csv: null,
      };
    case 'csv': {
      const guess: CsvGuess & { guessed: boolean } = options.csvMapping
        ? { mapping: options.csvMapping, ambiguous: { dateOrder: false }, guessed: false }
        : { ...guessCsvMapping(text, { accountType: options.accountType ?? null }), guessed: true };
      const mapping = options.dateOrder ? { ...guess.mapping, dateOrder: options.dateOrder } : guess.mapping;
      const statement = parseCsvStatement(text, mapping, { currency: options.currency ?? null });
      return { statement, csv: { ...guess, mapping } };
    }
  }
}
