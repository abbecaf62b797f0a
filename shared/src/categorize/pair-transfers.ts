import type { CategorizableTransaction } from './categorizable-transaction.ts';

/** What transfer pairing needs of a transaction: the bank's side of it, its PFC codes if known, and its pair. */
export type TransferCandidate = Pick<
  CategorizableTransaction,
  'id' | 'accountId' | 'amountMinor' | 'currency' | 'date' | 'rawName'
> &
  Partial<Pick<CategorizableTransaction, 'pfcPrimary' | 'pfcDetailed'>> & {
    /** Already paired: left alone. */
    transferPairId?: string | null | undefined;
  };

export interface TransferPair {
  outflowId: string;
  inflowId: string;
  days: number;
  /** Why it looks like a transfer: Plaid says so, the wording says so, or amounts alone. */
  evidence: 'plaid' | 'wording' | 'amount';
}

export const DEFAULT_TRANSFER_DAYS = 3;

/**
 * The `locked_fields` name a person's own mark or unmark of a transaction as a transfer is stored under:
 * auto-pairing, the Plaid-category rule and rules never change such a transaction's transfer flag.
 */
export const TRANSFER_LOCK = 'isTransfer';

/**
 * Plaid categories (detailed, v2) that by themselves say money moved between two of the person's own
 * accounts, used when only one side is linked: account and savings transfers, investment and retirement
 * contributions, and paying one's own credit card. Not cash withdrawals or deposits (the cash-flow
 * definition decides those), wires and other transfers (usually to someone else), or loan payments to a
 * loan that is not linked (those are spending; a payment to a linked loan is paired instead).
 */
export const OWN_ACCOUNT_TRANSFER_CODES: readonly string[] = [
  'TRANSFER_IN_ACCOUNT_TRANSFER',
  'TRANSFER_IN_SAVINGS',
  'TRANSFER_IN_INVESTMENT_AND_RETIREMENT_FUNDS',
  'TRANSFER_OUT_ACCOUNT_TRANSFER',
  'TRANSFER_OUT_SAVINGS',
  'TRANSFER_OUT_INVESTMENT_AND_RETIREMENT_FUNDS',
  'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
];

const TRANSFER_WORDS =
  /\b(transfer|xfer|trnsfr|payment|autopay|epay|online pmt|pymt|thank you|to savings|from checking)\b/i;
const DAY_MS = 86_400_000;

/** The order-independent key a rejected pair is remembered under. */
export function transferPairKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

function evidenceOf(t: TransferCandidate): 0 | 1 | 2 {
  const primary = t.pfcPrimary ?? t.pfcDetailed ?? '';
  if (/^(TRANSFER_IN|TRANSFER_OUT|LOAN_PAYMENTS)(_|$)/.test(primary)) {
    return 2;
  }
  return TRANSFER_WORDS.test(t.rawName) ? 1 : 0;
}

/**
 * Pairs money leaving one of the user's accounts with the same amount arriving in another within `maxDays`
 * (card and loan payments included: the checking outflow and the card's or loan's inflow; the accounts may
 * belong to different bank connections). Closest dates and the strongest
 * evidence win; each transaction joins at most one pair; rejected pairs are never proposed again.
 */
export function pairTransfers(
  transactions: readonly TransferCandidate[],
  rejected: ReadonlySet<string> = new Set(),
  maxDays = DEFAULT_TRANSFER_DAYS,
): TransferPair[] {
  const inflowsByAmount = new Map<string, TransferCandidate[]>();
  for (const t of transactions) {
    if (t.transferPairId || t.amountMinor >= 0) continue;
    const key = `${t.currency ?? ''}:${-t.amountMinor}`;
    const list = inflowsByAmount.get(key);
    if (list) list.push(t);
    else inflowsByAmount.set(key, [t]);
  }
  const options: {
    out: TransferCandidate;
    inn: TransferCandidate;
    days: number;
    strength: number;
    best: number;
  }[] = [];
  for (const out of transactions) {
    if (out.transferPairId || out.amountMinor <= 0) continue;
    for (const inn of inflowsByAmount.get(`${out.currency ?? ''}:${out.amountMinor}`) ?? []) {
      if (inn.accountId === out.accountId || rejected.has(transferPairKey(out.id, inn.id))) continue;
      const days = Math.abs(Date.parse(out.date) - Date.parse(inn.date)) / DAY_MS;
      if (days > maxDays) continue;
      const a = evidenceOf(out);
      const b = evidenceOf(inn);
      options.push({ out, inn, days, strength: a + b, best: Math.max(a, b) });
    }
  }
  options.sort(
    (a, b) =>
      b.strength - a.strength ||
      a.days - b.days ||
      (a.out.id < b.out.id ? -1 : a.out.id > b.out.id ? 1 : a.inn.id < b.inn.id ? -1 : 1),
  );
  const used = new Set<string>();
  const pairs: TransferPair[] = [];
  for (const o of options) {
    if (used.has(o.out.id) || used.has(o.inn.id)) continue;
    used.add(o.out.id);
    used.add(o.inn.id);
    pairs.push({
      outflowId: o.out.id,
      inflowId: o.inn.id,
      days: o.days,
      evidence: o.best === 2 ? 'plaid' : o.best === 1 ? 'wording' : 'amount',
    });
  }
  return pairs;
}
