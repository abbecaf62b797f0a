import type { DecimalSeparator } from './statement-amount.ts';
import type { DateOrder } from './statement-date.ts';

export type CsvDelimiter = ',' | ';' | '\t' | '|';
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/** How amounts are signed in the file: bank exports use negative = out; card exports often positive = out. */
export type CsvSign = 'negative-is-out' | 'positive-is-out';

export type CsvAmountColumns =
  | { readonly kind: 'signed'; readonly column: string }
  | { readonly kind: 'debit-credit'; readonly debitColumn: string; readonly creditColumn: string };

/**
 * How to read one bank's CSV, guessed from the file and saved per account. Columns are named by their header
 * text; `headerLine` is the 1-based line of the header (lines above it are a preamble).
 */
export interface CsvMapping {
  readonly delimiter: CsvDelimiter;
  readonly headerLine: number;
  readonly dateColumn: string;
  readonly dateOrder: DateOrder;
  readonly amount: CsvAmountColumns;
  readonly sign: CsvSign;
  readonly decimalSeparator: Exclude<DecimalSeparator, 'auto'>;
  readonly payeeColumn: string | null;
  readonly memoColumn: string | null;
  readonly idColumn: string | null;
  readonly currencyColumn: string | null;
}
