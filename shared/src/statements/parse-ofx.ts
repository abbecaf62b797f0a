import { child, findAll, type MarkupNode, refuseDeclarations, textAt, where } from './markup-node.ts';
import { sgmlToTree } from './sgml-to-tree.ts';
import {
  checkRowCount,
  type ParsedStatement,
  type StatementAccount,
  type StatementAccountType,
  StatementError,
  type StatementTransaction,
} from './statement.ts';
import { readDecimal, toOutflowAmount } from './statement-amount.ts';
import { readOfxDay } from './statement-date.ts';
import { xmlToTree } from './xml-to-tree.ts';

const STATEMENTS = new Set(['STMTRS', 'CCSTMTRS', 'INVSTMTRS']);

/**
 * OFX/QFX 1.x (SGML) and 2.x (XML). Every bank, credit-card and investment statement in the file is read, each
 * with its own account. TRNAMT is signed from the customer's view (card charges negative), so the amount is
 * negated into Plaid's sign; TRNTYPE is not trusted for the sign.
 */
export function parseOfx(text: string): ParsedStatement {
  refuseDeclarations(text);
  const start = text.search(/<OFX\s*>/i);
  if (start < 0) throw new StatementError('no <OFX> element: not an OFX file', { line: 1 });
  const firstLine = text.slice(0, start).split('\n').length;
  const isXml =
    /<\?xml|<\?OFX\s/i.test(text.slice(0, start)) || /OFXHEADER\s*=\s*"2/i.test(text.slice(0, start));
  const tree = isXml ? xmlToTree(text.slice(start), firstLine) : sgmlToTree(text.slice(start), firstLine);
  const ofx = child(tree, 'OFX');
  if (!ofx) throw new StatementError('no <OFX> element: not an OFX file', { line: firstLine });
  const statements = findAll(ofx, STATEMENTS);
  if (statements.length === 0) {
    throw new StatementError('no statement (STMTRS, CCSTMTRS or INVSTMTRS) in the file', { element: 'OFX' });
  }
  const accounts: StatementAccount[] = [];
  const transactions: StatementTransaction[] = [];
  for (const stmt of statements) {
    const account = readAccount(stmt);
    if (!accounts.some((a) => a.key === account.key)) accounts.push(account);
    const list = stmt.tag === 'INVSTMTRS' ? child(stmt, 'INVTRANLIST') : child(stmt, 'BANKTRANLIST');
    const rows = list ? findAll(list, new Set(['STMTTRN'])) : [];
    for (const trn of rows) {
      transactions.push(readTransaction(trn, account));
      checkRowCount(transactions.length, where(trn));
    }
  }
  return { format: 'ofx', accounts, transactions, skipped: 0 };
}

function readAccount(stmt: MarkupNode): StatementAccount {
  const currency = textAt(stmt, 'CURDEF')?.toUpperCase() ?? null;
  if (stmt.tag === 'CCSTMTRS') {
    const from = child(stmt, 'CCACCTFROM');
    return { key: requireText(from, stmt, 'CCACCTFROM', 'ACCTID'), type: 'credit card', currency };
  }
  if (stmt.tag === 'INVSTMTRS') {
    const from = child(stmt, 'INVACCTFROM');
    const id = requireText(from, stmt, 'INVACCTFROM', 'ACCTID');
    const broker = textAt(from, 'BROKERID');
    return { key: broker ? `${broker}/${id}` : id, type: 'investment', currency };
  }
  const from = child(stmt, 'BANKACCTFROM');
  const id = requireText(from, stmt, 'BANKACCTFROM', 'ACCTID');
  const bank = textAt(from, 'BANKID');
  return { key: bank ? `${bank}/${id}` : id, type: bankType(textAt(from, 'ACCTTYPE')), currency };
}

function bankType(accttype: string | undefined): StatementAccountType | null {
  switch (accttype?.toUpperCase()) {
    case 'CHECKING':
      return 'checking';
    case 'SAVINGS':
    case 'MONEYMRKT':
      return 'savings';
    case 'CREDITLINE':
      return 'loan';
    default:
      return null;
  }
}

function requireText(
  node: MarkupNode | undefined,
  parent: MarkupNode,
  aggregate: string,
  tag: string,
): string {
  const value = textAt(node, tag);
  if (!value)
    throw new StatementError(`${tag} is missing`, where(node ?? parent, node ? tag : `${aggregate}/${tag}`));
  return value;
}

function readTransaction(trn: MarkupNode, account: StatementAccount): StatementTransaction {
  const rawAmount = textAt(trn, 'TRNAMT');
  if (!rawAmount) throw new StatementError('TRNAMT is missing', where(trn, 'TRNAMT'));
  const posted = textAt(trn, 'DTPOSTED') ?? textAt(trn, 'DTUSER');
  if (!posted) throw new StatementError('DTPOSTED is missing', where(trn, 'DTPOSTED'));
  const currency = textAt(trn, 'CURRENCY', 'CURSYM')?.toUpperCase() ?? account.currency;
  const decimal = readDecimal(rawAmount, 'auto', where(trn, 'TRNAMT'));
  const payee = textAt(trn, 'NAME') ?? textAt(trn, 'PAYEE', 'NAME') ?? null;
  return {
    date: readOfxDay(posted, where(trn, textAt(trn, 'DTPOSTED') ? 'DTPOSTED' : 'DTUSER')),
    amount: toOutflowAmount(decimal, true, currency, where(trn, 'TRNAMT')),
    currency,
    payee,
    memo: textAt(trn, 'MEMO') ?? null,
    fitid: textAt(trn, 'FITID') ?? null,
    account: account.key,
    source: trn.line === undefined ? trn.path : `line ${trn.line}`,
  };
}
