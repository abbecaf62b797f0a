// Statement parsing and de-duplication at the limits: a 100k-row CSV, an OFX and a CAMT.053 file near
// 10 MB, and matching 100k incoming rows against 100k stored ones. Usage: pnpm bench statement-parse [--rows 100000]
import { importKeys, matchDuplicates } from '../shared/src/statements/match-duplicates.ts';
import { parseStatement } from '../shared/src/statements/parse-statement.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 100_000);
const day = (i: number) =>
  new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000).toISOString().slice(0, 10);
const cents = (i: number) => ((i * 7919) % 100_000) + 1;
const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

function time(label: string, bytes: Uint8Array, run: () => { rows: number }) {
  const started = performance.now();
  const { rows } = run();
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(26)} ${(bytes.byteLength / 1024 / 1024).toFixed(1).padStart(5)} MB ${String(rows).padStart(7)} rows ${ms.toFixed(0).padStart(6)} ms  ${((rows / ms) * 1000).toFixed(0)} rows/s`,
  );
}

const csv = new TextEncoder().encode(
  `Date,Description,Amount\n${Array.from({ length: ROWS }, (_, i) => `${day(i)},SHOP ${i % 500} PURCHASE,-${money(cents(i))}`).join('\n')}\n`,
);
time('CSV (guessed mapping)', csv, () => ({ rows: parseStatement(csv).statement.transactions.length }));

const ofxRows = Math.min(ROWS, 45_000);
const ofx = new TextEncoder().encode(
  `OFXHEADER:100\nDATA:OFXSGML\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>1<ACCTID>2<ACCTTYPE>CHECKING</BANKACCTFROM><BANKTRANLIST>\n${Array.from(
    { length: ofxRows },
    (_, i) =>
      `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>${day(i).replaceAll('-', '')}<TRNAMT>-${money(cents(i))}<FITID>F${i}<NAME>SHOP ${i % 500}<MEMO>card purchase\n</STMTTRN>`,
  ).join('\n')}\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`,
);
time('OFX 1 (SGML shim)', ofx, () => ({ rows: parseStatement(ofx).statement.transactions.length }));

const camtRows = Math.min(ROWS, 25_000);
const camt = new TextEncoder().encode(
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n${Array.from(
    { length: camtRows },
    (_, i) =>
      `<Ntry><Amt Ccy="EUR">${money(cents(i))}</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${day(i)}</Dt></BookgDt><AcctSvcrRef>R${i}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Cdtr><Nm>Shop ${i % 500}</Nm></Cdtr></RltdPties></TxDtls></NtryDtls></Ntry>`,
  ).join('\n')}\n</Stmt></BkToCstmrStmt></Document>\n`,
);
time('CAMT.053 (fast-xml-parser)', camt, () => ({
  rows: parseStatement(camt).statement.transactions.length,
}));

// De-dup: the same 100k rows against themselves stored (re-import), half of them shifted a day (fuzzy path).
const rows = Array.from({ length: ROWS }, (_, i) => ({
  date: day(i),
  amountMinor: cents(i),
  payee: `SHOP ${i % 500} PURCHASE`,
  fitid: null,
}));
const keys = importKeys(rows);
const incoming = rows.map((r, i) => ({ ...r, importKey: keys[i]! }));
const stored = incoming.map((r, i) => ({ ...r, id: `t${i}` }));
const fuzzy = incoming.map((r, i) => ({
  ...r,
  id: `p${i}`,
  importKey: null,
  date: i % 2 ? day(i + 1) : r.date,
}));
for (const [label, existing] of [
  ['de-dup re-import (by key)', stored],
  ['de-dup vs synced (fuzzy)', fuzzy],
] as const) {
  const started = performance.now();
  const result = matchDuplicates(incoming, existing);
  const ms = performance.now() - started;
  const counts = result.reduce<Record<string, number>>(
    (acc, m) => ({ ...acc, [m.status]: (acc[m.status] ?? 0) + 1 }),
    {},
  );
  console.log(
    `${label.padEnd(26)} ${String(ROWS).padStart(7)} × ${ROWS} rows ${ms.toFixed(0).padStart(6)} ms  ${JSON.stringify(counts)}`,
  );
}
