import type { CsvMapping } from './csv-mapping.ts';
import type { StatementTransaction } from './statement.ts';

/** The mapping serializeCsvStatement writes with: ISO dates, signed amounts (negative = out), dot decimals. */
export const PLAIN_CSV_MAPPING: CsvMapping = {
  delimiter: ',',
  headerLine: 1,
  dateColumn: 'Date',
  dateOrder: 'ymd',
  amount: { kind: 'signed', column: 'Amount' },
  sign: 'negative-is-out',
  decimalSeparator: '.',
  payeeColumn: 'Payee',
  memoColumn: 'Memo',
  idColumn: 'Id',
  currencyColumn: 'Currency',
};

/** Writes rows as a plain bank CSV that parseCsvStatement reads back with PLAIN_CSV_MAPPING. */
export function serializeCsvStatement(rows: readonly StatementTransaction[]): string {
  const out = ['Date,Amount,Currency,Payee,Memo,Id'];
  for (const row of rows) {
    const amount = row.amount.startsWith('-')
      ? row.amount.slice(1)
      : /^0(\.0+)?$/.test(row.amount)
        ? row.amount
        : `-${row.amount}`;
    out.push(
      [row.date, amount, row.currency ?? '', row.payee ?? '', row.memo ?? '', row.fitid ?? '']
        .map(quote)
        .join(','),
    );
  }
  return `${out.join('\n')}\n`;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
