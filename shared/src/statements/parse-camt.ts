import { child, children, findAll, type MarkupNode, textAt, where } from './markup-node.ts';
import {
  checkRowCount,
  type ParsedStatement,
  type StatementAccount,
  StatementError,
  type StatementTransaction,
} from './statement.ts';
import { readDecimal, toOutflowAmount } from './statement-amount.ts';
import { readDay } from './statement-date.ts';
import { xmlToTree } from './xml-to-tree.ts';

/**
 * CAMT.053 (any version; namespaces dropped). Each `Stmt` is an account (IBAN or other id); each booked `Ntry`
 * is a row, or one row per `TxDtls` when a batch entry carries several with their own amounts. Amounts are
 * unsigned and signed by CdtDbtInd (DBIT = money out = positive); a reversal (RvslInd) flips the sign.
 * Entries that are not booked (PDNG, INFO) are skipped and counted. The id is AcctSvcrRef, the bank's own.
 */
export function parseCamt(text: string): ParsedStatement {
  const tree = xmlToTree(text);
  const doc = child(tree, 'Document');
  const report = doc && (child(doc, 'BkToCstmrStmt') ?? child(doc, 'BkToCstmrAcctRpt'));
  if (!report)
    throw new StatementError('no Document/BkToCstmrStmt element: not a CAMT.053 file', { line: 1 });
  const accounts: StatementAccount[] = [];
  const transactions: StatementTransaction[] = [];
  let skipped = 0;
  for (const stmt of [...children(report, 'Stmt'), ...children(report, 'Rpt')]) {
    const acct = child(stmt, 'Acct');
    const key = textAt(acct, 'Id', 'IBAN') ?? textAt(acct, 'Id', 'Othr', 'Id');
    if (!key) throw new StatementError('account id (Acct/Id/IBAN) is missing', where(stmt, 'Acct/Id'));
    const account: StatementAccount = { key, type: null, currency: textAt(acct, 'Ccy') ?? null };
    if (!accounts.some((a) => a.key === key)) accounts.push(account);
    for (const entry of children(stmt, 'Ntry')) {
      const status = (textAt(entry, 'Sts', 'Cd') ?? textAt(entry, 'Sts') ?? 'BOOK').toUpperCase();
      if (status !== 'BOOK') {
        skipped++;
        continue;
      }
      for (const row of readEntry(entry, account)) {
        transactions.push(row);
        checkRowCount(transactions.length, where(entry));
      }
    }
  }
  if (accounts.length === 0)
    throw new StatementError('no Stmt element in the file', { element: report.path });
  return { format: 'camt', accounts, transactions, skipped };
}

function readEntry(entry: MarkupNode, account: StatementAccount): StatementTransaction[] {
  const debit = readIndicator(entry);
  const reversal = textAt(entry, 'RvslInd')?.toLowerCase() === 'true';
  const dateText =
    textAt(entry, 'BookgDt', 'Dt') ?? textAt(entry, 'BookgDt', 'DtTm') ?? textAt(entry, 'ValDt', 'Dt');
  if (!dateText) throw new StatementError('booking date (BookgDt/Dt) is missing', where(entry, 'BookgDt'));
  const date = readDay(dateText.slice(0, 10), 'ymd');
  if (!date) throw new StatementError(`"${dateText}" is not an ISO date`, where(entry, 'BookgDt'));
  const entryRef = textAt(entry, 'AcctSvcrRef') ?? null;
  const details = findAll(entry, new Set(['TxDtls']));
  const itemised = details.length > 1 && details.every((d) => amountNode(d) !== undefined);
  const parts = itemised ? details : [entry];
  return parts.map((part, index) => {
    const amountAt = amountNode(part) ?? amountNode(entry);
    if (!amountAt) throw new StatementError('Amt is missing', where(part, 'Amt'));
    const currency = amountAt.attrs.Ccy ?? account.currency;
    const partDebit = part === entry ? debit : (readIndicatorOptional(part) ?? debit);
    const detail = part === entry ? details[0] : part;
    const decimal = readDecimal(amountAt.text, '.', where(amountAt));
    if (decimal.startsWith('-'))
      throw new StatementError('Amt must not be negative (sign is CdtDbtInd)', where(amountAt));
    const ref = (itemised ? textAt(part, 'Refs', 'AcctSvcrRef') : undefined) ?? entryRef;
    return {
      date,
      amount: toOutflowAmount(decimal, partDebit === reversal, currency, where(amountAt)),
      currency,
      payee: counterparty(detail, partDebit),
      memo: detail
        ? (textAt(detail, 'RmtInf', 'Ustrd') ?? textAt(entry, 'AddtlNtryInf') ?? null)
        : (textAt(entry, 'AddtlNtryInf') ?? null),
      fitid: ref === null ? null : itemised && ref === entryRef ? `${ref}#${index + 1}` : ref,
      account: account.key,
      source: part.path,
    };
  });
}

function amountNode(part: MarkupNode): MarkupNode | undefined {
  const direct = child(part, 'Amt');
  if (direct) return direct;
  const details = child(part, 'AmtDtls');
  return details ? (child(child(details, 'TxAmt') ?? details, 'Amt') ?? undefined) : undefined;
}

function readIndicator(entry: MarkupNode): boolean {
  const value = readIndicatorOptional(entry);
  if (value === undefined)
    throw new StatementError('CdtDbtInd must be CRDT or DBIT', where(entry, 'CdtDbtInd'));
  return value;
}

function readIndicatorOptional(node: MarkupNode): boolean | undefined {
  const value = textAt(node, 'CdtDbtInd')?.toUpperCase();
  return value === 'DBIT' ? true : value === 'CRDT' ? false : undefined;
}

/** The other party: the creditor on money out, the debtor on money in (`Pty/Nm` from camt.053.001.08). */
function counterparty(detail: MarkupNode | undefined, debit: boolean): string | null {
  const parties = detail && child(detail, 'RltdPties');
  if (!parties) return null;
  const role = debit ? 'Cdtr' : 'Dbtr';
  return textAt(parties, role, 'Nm') ?? textAt(parties, role, 'Pty', 'Nm') ?? null;
}
