// Prints the transactions of a bank statement file as JSON lines, then a summary line.
// Usage: pnpm statement:parse <file> [--format ofx|qif|csv|camt] [--date-format DD/MM/YYYY|MM/DD/YYYY|YYYY-MM-DD]
//        [--currency EUR] [--account-type "credit card"]
// Exit 2 with the line/element and the reason on a file it cannot read.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseStatement } from '../shared/src/statements/parse-statement.ts';
import {
  STATEMENT_FORMATS,
  type StatementAccountType,
  StatementError,
  type StatementFormat,
} from '../shared/src/statements/statement.ts';
import { dateOrderFromName } from '../shared/src/statements/statement-date.ts';

const USAGE =
  'usage: pnpm statement:parse <file> [--format ofx|qif|csv|camt] [--date-format DD/MM/YYYY|MM/DD/YYYY|YYYY-MM-DD] [--currency CODE] [--account-type TYPE]';
const ACCOUNT_TYPES: StatementAccountType[] = [
  'checking',
  'savings',
  'credit card',
  'loan',
  'cash',
  'investment',
];

function fail(message: string): never {
  process.stderr.write(`statement:parse: ${message}\n`);
  process.exit(2);
}

let parsed: ReturnType<typeof parseArgs>;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      'date-format': { type: 'string' },
      currency: { type: 'string' },
      'account-type': { type: 'string' },
    },
  });
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || positionals.length > 1) fail(USAGE);
const format = values.format as string | undefined;
if (format !== undefined && !STATEMENT_FORMATS.includes(format as StatementFormat)) {
  fail(`--format must be one of ${STATEMENT_FORMATS.join(', ')}, not "${format}"`);
}
const dateName = values['date-format'] as string | undefined;
const dateOrder = dateName === undefined ? undefined : dateOrderFromName(dateName);
if (dateOrder === null)
  fail(`--date-format "${dateName}" is not a day order like DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD`);
const accountType = values['account-type'] as string | undefined;
if (accountType !== undefined && !ACCOUNT_TYPES.includes(accountType as StatementAccountType)) {
  fail(`--account-type must be one of ${ACCOUNT_TYPES.join(', ')}`);
}
const currency = values.currency as string | undefined;
if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
  fail('--currency must be a three-letter code like EUR');

let bytes: Uint8Array;
try {
  bytes = readFileSync(file);
} catch (error) {
  fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
}

try {
  const { statement } = parseStatement(bytes, {
    ...(format ? { format: format as StatementFormat } : {}),
    ...(dateOrder ? { dateOrder } : {}),
    ...(currency ? { currency } : {}),
    ...(accountType ? { accountType: accountType as StatementAccountType } : {}),
  });
  const out: string[] = [];
  for (const t of statement.transactions) {
    out.push(
      JSON.stringify({
        date: t.date,
        amount: t.amount,
        currency: t.currency,
        payee: t.payee,
        memo: t.memo,
        fitid: t.fitid,
        account: t.account,
        ...(t.splits ? { splits: t.splits } : {}),
      }),
    );
  }
  out.push(
    JSON.stringify({
      rows: statement.transactions.length,
      format: statement.format,
      accounts: statement.accounts,
      ...(statement.skipped ? { skipped: statement.skipped } : {}),
    }),
  );
  process.stdout.write(`${out.join('\n')}\n`);
} catch (error) {
  if (error instanceof StatementError) fail(`${file}: ${error.message}`);
  throw error;
}
