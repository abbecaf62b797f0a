import { DomainError } from '../errors/domain-error.ts';
import type { ManualAccountType } from '../presentation/account-kinds.ts';

export type StatementFormat = 'ofx' | 'qif' | 'csv' | 'camt';
export const STATEMENT_FORMATS: readonly StatementFormat[] = ['ofx', 'qif', 'csv', 'camt'];

/** Kinds of account a statement can describe; also the kinds of manual account. */
export type StatementAccountType = ManualAccountType;

export interface StatementAccount {
  /** The key transactions refer to: IBAN, OFX BANKID/ACCTID, QIF account name, or "default". */
  readonly key: string;
  readonly type: StatementAccountType | null;
  readonly currency: string | null;
}

export interface StatementSplit {
  readonly amount: string;
  readonly category: string | null;
  readonly memo: string | null;
}

/** One parsed row. `amount` is a decimal string, positive = money out (Plaid's sign). `date` is a calendar day. */
export interface StatementTransaction {
  readonly date: string;
  readonly amount: string;
  readonly currency: string | null;
  readonly payee: string | null;
  readonly memo: string | null;
  /** The bank's own id for the row: OFX FITID or CAMT AcctSvcrRef. Null when the format has none. */
  readonly fitid: string | null;
  readonly account: string;
  /** Where the row sits in the file, for error messages and previews: a line, or an element path. */
  readonly source: string;
  readonly splits?: readonly StatementSplit[];
}

export interface ParsedStatement {
  readonly format: StatementFormat;
  readonly accounts: readonly StatementAccount[];
  readonly transactions: readonly StatementTransaction[];
  /** Rows the file lists but that are not booked (CAMT PDNG), left out of `transactions`. */
  readonly skipped: number;
  /** CSV only: the header's column names, for choosing a mapping. */
  readonly columns?: readonly string[];
}

/** The likely header of a CSV: its line, delimiter and column names. */
export interface CsvLayout {
  readonly headerLine: number;
  readonly delimiter: string;
  readonly columns: readonly string[];
}

/** Where in the file a problem is: a 1-based line, an element path, a column/field name. */
export interface StatementLocation {
  readonly line?: number;
  readonly element?: string;
  readonly field?: string;
}

/** A file the parser cannot read, with where and why. Maps to 400 in the API and exit 2 in the CLI. */
export class StatementError extends DomainError {
  readonly location: StatementLocation;
  readonly reason: string;
  /** `layout`: for a CSV whose columns could not be guessed, what a person needs to choose them. */
  constructor(reason: string, location: StatementLocation = {}, layout?: CsvLayout) {
    super('STATEMENT_UNREADABLE', `${describeLocation(location)}${reason}`, {
      ...location,
      reason,
      ...(layout ? { layout } : {}),
    });
    this.name = 'StatementError';
    this.location = location;
    this.reason = reason;
  }
}

function describeLocation(at: StatementLocation): string {
  const parts: string[] = [];
  if (at.line !== undefined) parts.push(`line ${at.line}`);
  if (at.element !== undefined) parts.push(`element ${at.element}`);
  if (at.field !== undefined) parts.push(`field "${at.field}"`);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

/** Limits every parser enforces: the 10 MB and 100k rows, plus depth and field length. */
export const STATEMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 100_000,
  maxDepth: 32,
  maxFieldLength: 4096,
} as const;

export function checkRowCount(count: number, location: StatementLocation): void {
  if (count > STATEMENT_LIMITS.maxRows) {
    throw new StatementError(`more than ${STATEMENT_LIMITS.maxRows} transactions`, location);
  }
}

export function checkFieldLength(value: string, location: StatementLocation): string {
  if (value.length > STATEMENT_LIMITS.maxFieldLength) {
    throw new StatementError(`value longer than ${STATEMENT_LIMITS.maxFieldLength} characters`, location);
  }
  return value;
}
