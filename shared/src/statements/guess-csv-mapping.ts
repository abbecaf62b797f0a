import { parse } from 'csv-parse/sync';
import type { CsvAmountColumns, CsvDelimiter, CsvMapping, CsvSign } from './csv-mapping.ts';
import { CSV_DELIMITERS } from './csv-mapping.ts';
import { type StatementAccountType, StatementError } from './statement.ts';
import { readDecimal } from './statement-amount.ts';
import { type DateOrder, guessDateOrder } from './statement-date.ts';

const HEADERS = {
  date: /^(date|posted|posting date|transaction date|trans(action)?\.? date|booking date|value date|datum|buchungstag|buchungsdatum|valuta|fecha|date op[ée]ration|data)$/i,
  amount:
    /^(amount|amt|value|betrag|umsatz|montant|importe|importo|bedrag|sum|transaction amount)( \(?[a-z€$£]{1,3}\)?)?$/i,
  debit:
    /^(debit|debits|withdrawal|withdrawals|money out|paid out|out|soll|ausgang|d[ée]bit|cargo|spent)( amount)?( \(?[a-z€$£]{1,3}\)?)?$/i,
  credit:
    /^(credit|credits|deposit|deposits|money in|paid in|in|haben|eingang|cr[ée]dit|abono|received)( amount)?( \(?[a-z€$£]{1,3}\)?)?$/i,
  payee:
    /^(payee|description|name|merchant|counterparty|beneficiary|empf[äa]nger|auftraggeber|beg[üu]nstigter|zahlungsempf[äa]nger|libell[ée]|concepto|descrizione|details|narrative|transaction description)$/i,
  memo: /^(memo|notes?|reference|verwendungszweck|remittance|purpose|message|communication|comment)$/i,
  id: /^(id|transaction id|fitid|reference number|ref|bank reference|transaktions-?id)$/i,
  currency: /^(currency|ccy|w[äa]hrung|devise|moneda)$/i,
};

export interface CsvGuess {
  readonly mapping: CsvMapping;
  /** What a person should confirm: several day orders fit, the sign is a guess. */
  readonly ambiguous: { readonly dateOrder: boolean };
}

/** Guesses delimiter, header line, columns, day order, decimal mark and sign from the content. */
export function guessCsvMapping(
  text: string,
  hints: { accountType?: StatementAccountType | null } = {},
): CsvGuess {
  const sample = text
    .split(/\r\n|\r|\n/)
    .slice(0, 60)
    .join('\n');
  const delimiter = guessDelimiter(sample);
  const rows = readRows(sample, delimiter);
  const headerIndex = rows.findIndex(
    (r) =>
      r.cells.filter((c) => c.trim() !== '').length >= 2 && r.cells.some((c) => HEADERS.date.test(c.trim())),
  );
  // The first line with two or more cells is the likely header, offered when a column has to be chosen.
  const likely = rows.find((r) => r.cells.filter((c) => c.trim() !== '').length >= 2);
  const layout = likely
    ? { headerLine: likely.line, delimiter, columns: likely.cells.map((c) => c.trim()) }
    : undefined;
  if (headerIndex < 0) {
    throw new StatementError(
      'no header row with a date column found in the first lines',
      { field: 'date' },
      layout,
    );
  }
  const header = rows[headerIndex]!.cells.map((c) => c.trim());
  const find = (re: RegExp) => header.find((h) => re.test(h)) ?? null;
  const dateColumn = find(HEADERS.date)!;
  const amountColumn = find(HEADERS.amount);
  const debitColumn = find(HEADERS.debit);
  const creditColumn = find(HEADERS.credit);
  let amount: CsvAmountColumns;
  if (amountColumn) amount = { kind: 'signed', column: amountColumn };
  else if (debitColumn && creditColumn) amount = { kind: 'debit-credit', debitColumn, creditColumn };
  else
    throw new StatementError(
      'no amount column (or debit and credit columns) in the header',
      { field: 'amount' },
      { headerLine: rows[headerIndex]!.line, delimiter, columns: header },
    );
  const body = rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const cell = (r: { cells: string[] }, column: string) => (r.cells[header.indexOf(column)] ?? '').trim();
  const amountValues = body
    .flatMap((r) =>
      amount.kind === 'signed'
        ? [cell(r, amount.column)]
        : [cell(r, amount.debitColumn), cell(r, amount.creditColumn)],
    )
    .filter((v) => v !== '');
  const decimalSeparator = guessDecimalMark(amountValues, delimiter);
  const dates = body.map((r) => cell(r, dateColumn)).filter((v) => /\d/.test(v));
  const preference: DateOrder[] = decimalSeparator === ',' ? ['ymd', 'dmy', 'mdy'] : ['ymd', 'mdy', 'dmy'];
  const order = guessDateOrder(dates, preference);
  if (!order) {
    throw new StatementError(`the "${dateColumn}" column holds values that are not dates in one day order`, {
      field: dateColumn,
      line: rows[headerIndex]!.line + 1,
    });
  }
  return {
    mapping: {
      delimiter,
      headerLine: rows[headerIndex]!.line,
      dateColumn,
      dateOrder: order.order,
      amount,
      sign: guessSign(amount, amountValues, decimalSeparator, hints.accountType ?? null),
      decimalSeparator,
      payeeColumn: find(HEADERS.payee),
      memoColumn: header.find((h) => HEADERS.memo.test(h) && h !== find(HEADERS.payee)) ?? null,
      idColumn: find(HEADERS.id),
      currencyColumn: find(HEADERS.currency),
    },
    ambiguous: { dateOrder: order.ambiguous },
  };
}

function readRows(text: string, delimiter: CsvDelimiter): Array<{ cells: string[]; line: number }> {
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  let previous = 0;
  return records.map(({ record, info }) => {
    const row = { cells: record, line: previous + 1 };
    previous = info.lines;
    return row;
  });
}

/** The delimiter that splits the most lines into the same number (≥ 2) of cells. */
function guessDelimiter(sample: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of CSV_DELIMITERS) {
    let rows: Array<{ cells: string[] }>;
    try {
      rows = readRows(sample, delimiter);
    } catch {
      continue;
    }
    const counts = new Map<number, number>();
    for (const r of rows)
      if (r.cells.length >= 2) counts.set(r.cells.length, (counts.get(r.cells.length) ?? 0) + 1);
    const score = Math.max(0, ...counts.values());
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function guessDecimalMark(values: string[], delimiter: CsvDelimiter): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const v of values) {
    if (/,\d{1,2}\)?-?$/.test(v)) comma++;
    else if (/\.\d{1,2}\)?-?$/.test(v)) dot++;
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}

/** Card exports list purchases as positive amounts; a credit-card account whose amounts are mostly positive is read that way. */
function guessSign(
  amount: CsvAmountColumns,
  values: string[],
  mark: '.' | ',',
  accountType: StatementAccountType | null,
): CsvSign {
  if (amount.kind === 'debit-credit' || accountType !== 'credit card') return 'negative-is-out';
  let positive = 0;
  for (const v of values) {
    try {
      if (!readDecimal(v, mark, {}).startsWith('-')) positive++;
    } catch {
      // an unreadable amount is reported by the parser with its line; the guess ignores it
    }
  }
  return positive * 2 > values.length ? 'positive-is-out' : 'negative-is-out';
}
