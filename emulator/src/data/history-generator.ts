import type { SeededRandom } from '../random/seeded-random.ts';
import { type Day, dayOfMonth, isLastDayOfMonth, monthIndex, weekday } from './calendar-day.ts';
import { BILLS, DISCRETIONARY_MERCHANTS, type Merchant, SUBSCRIPTIONS } from './merchant-catalogue.ts';
import type { AccountRole } from './sandbox-accounts.ts';
import type { TransactionDraft } from './transaction-draft.ts';

const DISCRETIONARY_WEIGHT = DISCRETIONARY_MERCHANTS.reduce((s, merchant) => s + merchant.weight, 0);

/**
 * Produces a household's money movements one day at a time: scheduled income, rent, bills,
 * subscriptions, own-account transfers and card payments, plus `count` discretionary purchases.
 * Stateful (card balance) so history and later "advance" days continue the same story.
 */
export class HistoryGenerator {
  readonly #random: SeededRandom;
  readonly #startMonth: number;
  readonly #roles: ReadonlySet<AccountRole>;
  #cardBalanceCents = 0;

  constructor(random: SeededRandom, startDay: Day, roles: Iterable<AccountRole>) {
    this.#random = random;
    this.#startMonth = monthIndex(startDay);
    this.#roles = new Set(roles);
  }

  day(day: Day, discretionaryCount: number): TransactionDraft[] {
    const out: TransactionDraft[] = [];
    this.#scheduled(day, out);
    let remaining = discretionaryCount;
    while (remaining > 0) remaining -= this.#discretionary(day, out, remaining);
    for (const draft of out) if (draft.account === 'credit') this.#cardBalanceCents += draft.amountCents;
    return out;
  }

  #has(role: AccountRole): boolean {
    return this.#roles.has(role);
  }

  #scheduled(day: Day, out: TransactionDraft[]): void {
    const r = this.#random;
    const dom = dayOfMonth(day);
    const monthsIn = monthIndex(day) - this.#startMonth;
    const cardOr = (role: AccountRole): AccountRole => (this.#has(role) ? role : 'checking');

    // Biweekly Friday payroll, with a raise after a year.
    if (weekday(day) === 5 && Math.floor(day / 7) % 2 === 0) {
      const net = (monthsIn >= 12 ? 298_650 : 284_210) + r.int(-1500, 1500);
      out.push(
        ach(
          day,
          'checking',
          -net,
          'ACME ROBOTICS PAYROLL PPD ID: 9137654321',
          'Acme Robotics',
          null,
          'INCOME_SALARY',
          'income_source',
        ),
      );
    }
    if (dom === 1) {
      out.push(
        ach(
          day,
          'checking',
          245_000,
          'PARKVIEW APTS WEB PMTS PPD ID: 1411111111',
          null,
          null,
          'RENT_AND_UTILITIES_RENT',
          null,
          'HIGH',
        ),
      );
    }
    for (const bill of BILLS) {
      if (dom !== bill.dayOfMonth) continue;
      const cents =
        bill.merchant.minCents === bill.merchant.maxCents
          ? bill.merchant.minCents
          : r.int(bill.merchant.minCents, bill.merchant.maxCents);
      out.push(fromMerchant(bill.merchant, 'checking', day, day, cents, r.pick(bill.merchant.descriptors)));
    }
    for (const sub of SUBSCRIPTIONS) {
      if (dom !== sub.dayOfMonth) continue;
      const cents = monthsIn >= sub.priceChangeMonth ? sub.newCents : sub.cents;
      out.push(
        fromMerchant(sub.merchant, cardOr('credit'), day, day + 1, cents, sub.merchant.descriptors[0]!),
      );
    }
    if (dom === 2 && this.#has('savings')) {
      const cents = r.pick([20_000, 50_000, 50_000, 100_000]);
      out.push(
        ach(
          day,
          'checking',
          cents,
          `ONLINE TRANSFER TO SAV XXXXXX1111 REF #IB0${digits(r, 7)}`,
          null,
          null,
          'TRANSFER_OUT_SAVINGS',
          null,
        ),
      );
      out.push(
        ach(
          day,
          'savings',
          -cents,
          `ONLINE TRANSFER FROM CHK XXXXXX0000 REF #IB0${digits(r, 7)}`,
          null,
          null,
          'TRANSFER_IN_ACCOUNT_TRANSFER',
          null,
        ),
      );
      markOwnTransfer(out, `savings:${day}`);
    }
    if (dom === 15 && this.#has('student')) {
      out.push(
        ach(
          day,
          'checking',
          32_014,
          'NAVIENT ED LOAN PMT PPD ID: 3452345234',
          'Navient',
          'navient.com',
          'LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT',
          'financial_institution',
        ),
      );
      out.push(
        ach(
          day,
          'student',
          -32_014,
          'PAYMENT - THANK YOU',
          null,
          null,
          'LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT',
          null,
        ),
      );
      markOwnTransfer(out, `student-loan:${day}`);
    }
    if (dom === 25 && this.#has('credit') && this.#cardBalanceCents > 0) {
      const cents = this.#cardBalanceCents;
      out.push(
        ach(
          day,
          'checking',
          cents,
          'PLAID CREDIT CARD AUTOPAY PPD ID: 7000000333',
          'Plaid Credit Card',
          null,
          'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
          'financial_institution',
        ),
      );
      out.push(
        ach(
          day,
          'credit',
          -cents,
          'AUTOPAY PAYMENT - THANK YOU',
          null,
          null,
          'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
          null,
        ),
      );
      markOwnTransfer(out, `card-payment:${day}`);
    }
    if (dom === 28 && this.#has('credit') && r.chance(0.15)) {
      out.push(
        ach(
          day,
          'credit',
          r.int(800, 4500),
          'INTEREST CHARGE ON PURCHASES',
          null,
          null,
          'BANK_FEES_INTEREST_CHARGE',
          null,
        ),
      );
    }
    if (dom === 28 && r.chance(0.25)) {
      out.push(
        ach(day, 'checking', 1200, 'MONTHLY MAINTENANCE FEE', null, null, 'BANK_FEES_OTHER_BANK_FEES', null),
      );
      if (r.chance(0.5)) {
        out.push(
          ach(
            day + 1,
            'checking',
            -1200,
            'MAINTENANCE FEE REFUND',
            null,
            null,
            'BANK_FEES_OTHER_BANK_FEES',
            null,
          ),
        );
      }
    }
    if (isLastDayOfMonth(day)) {
      for (const role of ['savings', 'money market'] as const) {
        if (this.#has(role)) {
          out.push(
            ach(
              day,
              role,
              -r.int(120, role === 'savings' ? 400 : 6800),
              'INTEREST PAYMENT',
              null,
              null,
              'INCOME_INTEREST_EARNED',
              null,
              'VERY_HIGH',
            ),
          );
        }
      }
    }
  }

  /** Adds one purchase (or a pair: foreign spend + its fee, ATM + fee); returns how many drafts it added. */
  #discretionary(day: Day, out: TransactionDraft[], budget: number): number {
    const r = this.#random;
    if (budget >= 2 && r.chance(0.012)) {
      const cents = r.pick([4000, 6000, 10_000, 20_000]);
      out.push(
        ach(
          day,
          'checking',
          cents,
          `ATM WITHDRAWAL 00${digits(r, 4)} 4TH ST SAN FRANCISCO CA`,
          null,
          null,
          'TRANSFER_OUT_WITHDRAWAL',
          null,
        ),
      );
      out.push(ach(day, 'checking', 300, 'NON-NETWORK ATM FEE', null, null, 'BANK_FEES_ATM_FEES', null));
      return 2;
    }
    const merchant = r.weighted(DISCRETIONARY_MERCHANTS, (x) => x.weight, DISCRETIONARY_WEIGHT);
    const onCard = this.#has('credit') && (merchant.foreign !== undefined || r.chance(0.6));
    const account: AccountRole = onCard ? 'credit' : 'checking';
    const skew = r.next() ** 2;
    let cents = Math.round(merchant.minCents + skew * (merchant.maxCents - merchant.minCents));
    const lag = merchant.channel === 'online' ? r.int(1, 2) : r.int(1, 3);
    let descriptor = fillPattern(r, r.pick(merchant.descriptors));
    if (merchant.foreign && budget >= 2) {
      const foreignCents = cents;
      cents = Math.round(foreignCents * merchant.foreign.rate);
      descriptor = `${descriptor} ${merchant.foreign.currency} ${(foreignCents / 100).toFixed(2)} @ ${merchant.foreign.rate.toFixed(4)}`;
      out.push(fromMerchant(merchant, account, day, day + lag, cents, descriptor));
      const fee = Math.max(1, Math.round(cents * 0.03));
      out.push({
        ...ach(
          day,
          account,
          fee,
          'FOREIGN TRANSACTION FEE',
          null,
          null,
          'BANK_FEES_FOREIGN_TRANSACTION_FEES',
          null,
        ),
        postDay: day + lag,
      });
      return 2;
    }
    const refund =
      merchant.channel === 'online' && merchant.detailed.startsWith('GENERAL_MERCHANDISE') && r.chance(0.06);
    const draft = fromMerchant(merchant, account, day, day + lag, refund ? -cents : cents, descriptor);
    if (refund) draft.descriptor = `RETURN ${descriptor}`;
    if (merchant.tips && !refund) draft.postedAmountCents = Math.round(cents * (1.15 + r.next() * 0.1));
    if (merchant.holds && r.chance(0.05)) draft.neverPosts = true;
    out.push(draft);
    return 1;
  }
}

/** Tags the last two drafts as the two legs of one movement between the household's own accounts. */
function markOwnTransfer(out: TransactionDraft[], key: string): void {
  for (const draft of out.slice(-2)) draft.ownTransferKey = key;
}

function ach(
  day: Day,
  account: AccountRole,
  amountCents: number,
  descriptor: string,
  merchantName: string | null,
  website: string | null,
  detailed: string,
  counterpartyType: TransactionDraft['counterpartyType'],
  confidence: TransactionDraft['confidence'] = 'HIGH',
): TransactionDraft {
  return {
    account,
    authorizedDay: day,
    postDay: day,
    amountCents,
    descriptor,
    merchantName,
    website,
    hasLogo: merchantName !== null && website !== null,
    detailed,
    confidence,
    channel: 'other',
    counterpartyType,
  };
}

function fromMerchant(
  merchant: Merchant,
  account: AccountRole,
  authorizedDay: Day,
  postDay: Day,
  amountCents: number,
  descriptor: string,
): TransactionDraft {
  return {
    account,
    authorizedDay,
    postDay,
    amountCents,
    descriptor,
    merchantName: merchant.name,
    website: merchant.website,
    hasLogo: merchant.name !== null && merchant.website !== null,
    detailed: merchant.detailed,
    confidence: merchant.confidence ?? (merchant.name ? 'VERY_HIGH' : 'MEDIUM'),
    channel: merchant.channel,
    counterpartyType: merchant.name ? 'merchant' : null,
    ...(merchant.city ? { city: merchant.city } : {}),
  };
}

function digits(r: SeededRandom, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(r.int(0, 9));
  return s;
}

function fillPattern(r: SeededRandom, pattern: string): string {
  if (!pattern.includes('#') && !pattern.includes('@')) return pattern;
  let s = '';
  for (const ch of pattern) {
    if (ch === '#') s += String(r.int(0, 9));
    else if (ch === '@') s += 'ABCDEFGHJKLMNPQRSTUVWXYZ'[r.int(0, 23)];
    else s += ch;
  }
  return s;
}
