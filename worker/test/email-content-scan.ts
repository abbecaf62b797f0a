import { toDecimalString } from '@finsync/shared';
import type { ReportSummary } from '@finsync/shared/reports';

/**
 * Everything of a user's money that must never appear in an email: every amount of their reports in the
 * usual spellings, and every payee, category and account name. Returns what was found.
 */
export function findLeaks(
  email: string,
  summaries: readonly ReportSummary[],
  names: readonly string[],
): string[] {
  const needles = new Set<string>();
  const addAmount = (minor: number, currency: string) => {
    if (Math.abs(minor) < 100) return; // single cents and small counts collide with ordinary text
    const decimal = toDecimalString(Math.abs(minor), currency);
    const [whole, frac] = decimal.split('.');
    const grouped = Number(whole).toLocaleString('en-US');
    needles.add(decimal);
    needles.add(`${grouped}.${frac}`);
    needles.add(`${whole},${frac}`);
    needles.add(`${Number(whole).toLocaleString('de-DE')},${frac}`);
    if (frac === '00') needles.add(`$${grouped}`);
    needles.add(String(Math.abs(minor)));
  };
  const walk = (value: unknown, currency: string) => {
    if (typeof value === 'number' && Number.isInteger(value)) addAmount(value, currency);
    else if (Array.isArray(value)) for (const v of value) walk(v, currency);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value))
        if (/Minor$/.test(k) || typeof v === 'object') walk(v, currency);
    }
  };
  for (const s of summaries) {
    walk(s, s.currency);
    for (const p of s.topPayees) needles.add(p.name);
    for (const t of s.largestTransactions) {
      needles.add(t.name);
      if (t.accountName) needles.add(t.accountName);
    }
    for (const a of s.balances.accounts) needles.add(a.name);
    for (const r of [...s.recurring.dueNext, ...s.recurring.missed, ...s.recurring.priceChanges])
      needles.add(r.payee);
  }
  for (const n of names) needles.add(n);
  // Random ids and signed tokens are digits and letters by chance; they are checked for shape elsewhere.
  const haystack = email
    .replaceAll('&#38;', '&') // HTML-escaped query separators, so tokens after them are masked too
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/([?&]t=)[0-9A-Za-z._%-]+/g, '$1<token>')
    .toLowerCase();
  return [...needles].filter((n) => n.length >= 3 && haystack.includes(n.toLowerCase()));
}
