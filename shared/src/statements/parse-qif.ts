import { toMinor } from '../money/minor-units.ts';
import {
  checkFieldLength,
  checkRowCount,
  type ParsedStatement,
  type StatementAccount,
  type StatementAccountType,
  StatementError,
  type StatementSplit,
  type StatementTransaction,
} from './statement.ts';
import { readDecimal, toOutflowAmount } from './statement-amount.ts';
import { DATE_ORDERS, type DateOrder, guessDateOrder, requireDay } from './statement-date.ts';

export interface QifOptions {
  /** Day order of the file's dates; guessed over the whole file when absent (US order first if several fit). */
  readonly dateOrder?: DateOrder;
  /** QIF carries no currency: the account's. */
  readonly currency?: string | null;
}

interface QifRecord {
  readonly line: number;
  readonly fields: ReadonlyArray<{ code: string; value: string; line: number }>;
}

const TYPES: Record<string, StatementAccountType> = {
  bank: 'checking',
  cash: 'cash',
  ccard: 'credit card',
  invst: 'investment',
  'oth a': 'savings',
  'oth l': 'loan',
};

/**
 * QIF: `!Type:` sections of records ended by `^`, with `!Account` blocks naming accounts. Amounts are signed
 * from the customer's view (negative = out) and negated into Plaid's sign. Split lines (S/E/$) become `splits`.
 * The date order is decided once for the whole file, never per record.
 */
export function parseQif(text: string, options: QifOptions = {}): ParsedStatement {
  const lines = text.split(/\r\n|\r|\n/);
  const accounts: StatementAccount[] = [];
  const pending: Array<{ record: QifRecord; account: StatementAccount }> = [];
  let section: string | null = null;
  let account: StatementAccount | null = null;
  let fields: Array<{ code: string; value: string; line: number }> = [];
  let recordLine = 0;
  let accountBlock = false;
  const currency = options.currency ?? null;
  const flush = (lineNo: number) => {
    if (accountBlock) {
      const name = fields.find((f) => f.code === 'N')?.value.trim();
      if (!name)
        throw new StatementError('!Account block has no N (name) line', { line: recordLine || lineNo });
      const type =
        TYPES[
          fields
            .find((f) => f.code === 'T')
            ?.value.trim()
            .toLowerCase() ?? ''
        ] ?? null;
      account = accounts.find((a) => a.key === name) ?? { key: name, type, currency };
      if (!accounts.includes(account)) accounts.push(account);
    } else if (fields.length > 0) {
      if (section === null) throw new StatementError('record before any !Type: header', { line: recordLine });
      if (!account) {
        account = { key: 'default', type: TYPES[section] ?? null, currency };
        accounts.push(account);
      }
      pending.push({ record: { line: recordLine, fields }, account });
      checkRowCount(pending.length, { line: recordLine });
    }
    fields = [];
    recordLine = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('!')) {
      if (fields.length > 0)
        throw new StatementError('record not ended by ^ before a ! header', { line: lineNo });
      const header = line.toLowerCase();
      if (header === '!account') accountBlock = true;
      else if (header.startsWith('!type:')) {
        accountBlock = false;
        section = header.slice(6).trim();
        if (section === 'cat' || section === 'class' || section === 'memorized') section = `skip:${section}`;
      } else if (header.startsWith('!option') || header.startsWith('!clear')) continue;
      else throw new StatementError(`unknown header "${line.slice(0, 40)}"`, { line: lineNo });
      continue;
    }
    if (line === '^') {
      if (section?.startsWith('skip:') && !accountBlock) fields = [];
      flush(lineNo);
      if (accountBlock) accountBlock = false;
      continue;
    }
    if (section === null && !accountBlock) {
      throw new StatementError('not a QIF file: expected a !Type: header', { line: lineNo });
    }
    if (recordLine === 0) recordLine = lineNo;
    fields.push({
      code: line[0]!,
      value: checkFieldLength(raw.trimEnd().slice(1), { line: lineNo }),
      line: lineNo,
    });
  }
  if (fields.length > 0) {
    if (section?.startsWith('skip:')) fields = [];
    else flush(lines.length);
  }
  if (accounts.length === 0 && pending.length === 0) {
    throw new StatementError('no transactions: expected !Type: records ended by ^', { line: 1 });
  }
  const dates = pending.map(({ record }) => dateField(record).value);
  const order = options.dateOrder ?? guessDateOrder(dates, ['mdy', 'dmy', 'ymd'])?.order;
  if (!order) {
    const bad =
      pending.find(({ record }) => DATE_ORDERS.every((o) => unreadableIn(record, o))) ??
      pending.find(({ record }) => unreadableIn(record, 'mdy'));
    throw new StatementError('dates do not fit one day order (M/D/Y, D/M/Y or Y/M/D) across the file', {
      line: bad?.record.line ?? pending[0]?.record.line ?? 1,
    });
  }
  const transactions = pending.map(({ record, account }) => readRecord(record, account, order));
  return { format: 'qif', accounts, transactions, skipped: 0 };
}

function unreadableIn(record: QifRecord, order: DateOrder): boolean {
  try {
    requireDay(dateField(record).value, order, {});
    return false;
  } catch {
    return true;
  }
}

function dateField(record: QifRecord): { value: string; line: number } {
  const d = record.fields.find((f) => f.code === 'D');
  if (!d) throw new StatementError('record has no D (date) line', { line: record.line, field: 'D' });
  return d;
}

function readRecord(record: QifRecord, account: StatementAccount, order: DateOrder): StatementTransaction {
  const d = dateField(record);
  const t = record.fields.find((f) => f.code === 'T' || f.code === 'U');
  if (!t) throw new StatementError('record has no T (amount) line', { line: record.line, field: 'T' });
  const at = { line: t.line, field: 'T' };
  const amount = toOutflowAmount(readDecimal(t.value, 'auto', at), true, account.currency, at);
  const splits: StatementSplit[] = [];
  let split: { category: string | null; memo: string | null } | null = null;
  for (const f of record.fields) {
    if (f.code === 'S') split = { category: f.value.trim() || null, memo: null };
    else if (f.code === 'E' && split) split.memo = f.value.trim() || null;
    else if (f.code === '$') {
      if (!split) throw new StatementError('split amount ($) without a split category (S)', { line: f.line });
      const where = { line: f.line, field: '$' };
      splits.push({
        ...split,
        amount: toOutflowAmount(readDecimal(f.value, 'auto', where), true, account.currency, where),
      });
      split = null;
    }
  }
  if (splits.length > 0) {
    const total = splits.reduce((sum, s) => sum + toMinor(s.amount, account.currency ?? 'USD'), 0);
    if (total !== toMinor(amount, account.currency ?? 'USD')) {
      throw new StatementError(`split amounts add up to a different total than T`, {
        line: record.line,
        field: '$',
      });
    }
  }
  const text = (code: string) => record.fields.find((f) => f.code === code)?.value.trim() || null;
  return {
    date: requireDay(d.value, order, { line: d.line, field: 'D' }),
    amount,
    currency: account.currency,
    payee: text('P'),
    memo: text('M'),
    fitid: null,
    account: account.key,
    source: `line ${record.line}`,
    ...(splits.length > 0 ? { splits } : {}),
  };
}
