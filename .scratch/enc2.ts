import { randomUUID } from 'node:crypto';
import { stagedCopyLine } from '../shared/src/tables/sync-staged-transactions.ts';
const rows = Array.from({ length: 50000 }, (_, i) => ({
  txn: { plaidTransactionId: `tx_${i}_abcdefghijklmnopqrstuvwxyz0123`, plaidAccountId: 'acc_abcdefghijklmnopqrstuvwxyz012345', amountMinor: 1234 + i, currency: 'USD', unofficialCurrency: null, date: '2025-01-02', authorizedDate: '2025-01-01', datetime: null, authorizedDatetime: null, rawName: `STARBUCKS STORE ${i % 300} SEATTLE WA #${i}`, merchantName: i % 3 ? 'Starbucks' : null, pending: false, pendingTransactionId: null, paymentChannel: 'in store', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_COFFEE', pfcConfidence: 'HIGH' },
  categorized: i % 5 ? { id: randomUUID(), fields: { payee: 'Starbucks', notes: null, tags: [], isTransfer: false, excludedFromReports: false, categoryId: randomUUID(), categorySource: 'plaid', categoryRuleId: null, categoryConfidence: 0.9, needsReview: false } } : null,
}));
const p = `${randomUUID()}\t${randomUUID()}\t`;
const variants = {
  concat: (txns) => { let s = ''; for (const t of txns) s += stagedCopyLine(p, t); return Buffer.from(s); },
  join: (txns) => { const a = new Array(txns.length); for (let i = 0; i < txns.length; i++) a[i] = stagedCopyLine(p, txns[i]); return Buffer.from(a.join('')); },
  bufs: (txns) => { const a = new Array(txns.length); for (let i = 0; i < txns.length; i++) a[i] = Buffer.from(stagedCopyLine(p, txns[i])); return Buffer.concat(a); },
  lineonly: (txns) => { let n = 0; for (const t of txns) n += stagedCopyLine(p, t).length; return n; },
};
for (let k = 0; k < 4; k++) for (const [name, f] of Object.entries(variants)) {
  const c0 = process.cpuUsage(); let len = 0;
  for (let i = 0; i < rows.length; i += 500) { const b = f(rows.slice(i, i + 500)); len += b.length ?? b; }
  const c = process.cpuUsage(c0); console.log(name, ((c.user + c.system) / 1000).toFixed(1), len);
}
import { copyField } from '../shared/src/db/bulk-copy.ts';
const strs = rows.flatMap((r) => [r.txn.plaidTransactionId, r.txn.plaidAccountId, r.txn.rawName, r.txn.date, r.txn.paymentChannel, r.txn.pfcPrimary, r.txn.pfcDetailed, r.txn.pfcConfidence, r.txn.currency, 'Starbucks', 'x', 'y', 'z', 'w', 'v', 'u', 'plaid']);
for (let k = 0; k < 3; k++) { const c0 = process.cpuUsage(); let n = 0; for (const s of strs) n += copyField(s).length; const c = process.cpuUsage(c0); console.log('copyField x', strs.length, ((c.user + c.system) / 1000).toFixed(1)); }
