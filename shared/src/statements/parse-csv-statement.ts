import { CsvError, parse } from 'csv-parse/sync';
import type { CsvMapping } from './csv-mapping.ts';
import {
  checkFieldLength,
  checkRowCount,
  type ParsedStatement,
  StatementError,
  type StatementTransaction,
} from './statement.ts';
import { readDecimal, toOutflowAmount } from './statement-amount.ts';
import { requireDay } from './statement-date.ts';

export interface CsvOptions {
  readonly currency?: string | null;
  /** The account the rows belong to (CSV files rarely say). */
  readonly account?: string;
}

/**
 * A bank CSV read with a mapping (guessed or saved). Cells are kept as text — a payee like `=HYPERLINK(...)` is
 * data, defused only when exported. Rows with no digit in the date cell (footer totals, notes) are skipped;
 * any other unreadable cell is an error naming its line and column.
 */
export function parseCsvStatement(
  text: string,
  mapping: CsvMapping,
  options: CsvOptions = {},
): ParsedStatement {
  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    // One line ending everywhere, so csv-parse's line count matches the file's lines inside quoted cells too.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      delimiter: mapping.delimiter,
      from_line: mapping.headerLine,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 64 * 1024,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new StatementError(`unreadable CSV: ${error.message}`, line === undefined ? {} : { line });
    }
    throw error;
  }
  const [head, ...body] = records;
  if (!head) throw new StatementError('the file has no header line', { line: mapping.headerLine });
  const header = head.record.map((h) => h.trim());
  // Every column the mapping names must be in the header: a mapping saved for another layout is refused.
  const index = (column: string | null): number => {
    if (column === null) return -1;
    const i = header.indexOf(column);
    if (i < 0) {
      throw new StatementError(`column "${column}" is not in the header`, {
        line: mapping.headerLine,
        field: column,
      });
    }
    return i;
  };
  const dateAt = index(mapping.dateColumn);
  const amountAt =
    mapping.amount.kind === 'signed'
      ? { signed: index(mapping.amount.column) }
      : { debit: index(mapping.amount.debitColumn), credit: index(mapping.amount.creditColumn) };
  const payeeAt = index(mapping.payeeColumn);
  const memoAt = index(mapping.memoColumn);
  const idAt = index(mapping.idColumn);
  const currencyAt = index(mapping.currencyColumn);
  const account = options.account ?? 'default';
  const transactions: StatementTransaction[] = [];
  let skipped = 0;
  let previousEnd = head.info.lines;
  let previousEmpty = head.info.empty_lines;
  for (const { record, info } of body) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    const cell = (i: number, field: string) =>
      i < 0 ? '' : checkFieldLength((record[i] ?? '').trim(), { line, field });
    const dateText = cell(dateAt, mapping.dateColumn);
    if (!/\d/.test(dateText)) {
      skipped++;
      continue;
    }
    const currency =
      (currencyAt >= 0 ? cell(currencyAt, mapping.currencyColumn!) : '') || options.currency || null;
    transactions.push({
      date: requireDay(dateText, mapping.dateOrder, { line, field: mapping.dateColumn }),
      amount: readAmount(mapping, amountAt, cell, currency, line),
      currency: currency?.toUpperCase() ?? null,
      payee: cell(payeeAt, mapping.payeeColumn ?? '') || null,
      memo: cell(memoAt, mapping.memoColumn ?? '') || null,
      fitid: cell(idAt, mapping.idColumn ?? '') || null,
      account,
      source: `line ${line}`,
    });
    checkRowCount(transactions.length, { line });
  }
  return {
    format: 'csv',
    accounts: [{ key: account, type: null, currency: options.currency ?? null }],
    transactions,
    skipped,
    columns: header,
  };
}

function readAmount(
  mapping: CsvMapping,
  at: { signed: number } | { debit: number; credit: number },
  cell: (i: number, field: string) => string,
  currency: string | null,
  line: number,
): string {
  const mark = mapping.decimalSeparator;
  if ('signed' in at && mapping.amount.kind === 'signed') {
    const field = mapping.amount.column;
    const raw = cell(at.signed, field);
    if (raw === '') throw new StatementError('amount is empty', { line, field });
    const where = { line, field };
    return toOutflowAmount(
      readDecimal(raw, mark, where),
      mapping.sign === 'negative-is-out',
      currency,
      where,
    );
  }
  if (!('debit' in at) || mapping.amount.kind !== 'debit-credit')
    throw new Error('mapping and columns disagree');
  const debit = cell(at.debit, mapping.amount.debitColumn);
  const credit = cell(at.credit, mapping.amount.creditColumn);
  const isZero = (v: string) => v === '' || /^[0.,\s-]+$/.test(v);
  if (isZero(debit) && isZero(credit)) {
    if (debit === '' && credit === '') {
      throw new StatementError('both debit and credit are empty', {
        line,
        field: mapping.amount.debitColumn,
      });
    }
    return toOutflowAmount('0', false, currency, { line });
  }
  if (!isZero(debit) && !isZero(credit)) {
    throw new StatementError('both debit and credit hold an amount', {
      line,
      field: mapping.amount.debitColumn,
    });
  }
  const field = isZero(debit) ? mapping.amount.creditColumn : mapping.amount.debitColumn;
  const where = { line, field };
  const magnitude = readDecimal(isZero(debit) ? credit : debit, mark, where).replace(/^-/, '');
  return toOutflowAmount(magnitude, isZero(debit), currency, where);
}
