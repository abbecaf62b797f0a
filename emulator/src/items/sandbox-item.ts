import { buildTransaction } from '../data/build-transaction.ts';
import { type Day, dayFromIso, isoFromDay } from '../data/calendar-day.ts';
import { HistoryGenerator } from '../data/history-generator.ts';
import type { PfcTaxonomy } from '../data/pfc-taxonomy.ts';
import {
  type AccountFixture,
  type AccountRole,
  hasSyncedTransactions,
  SANDBOX_ACCOUNTS,
} from '../data/sandbox-accounts.ts';
import type { SandboxInstitution } from '../data/sandbox-institutions.ts';
import type { TransactionDraft } from '../data/transaction-draft.ts';
import type { PlaidApiError } from '../plaid/plaid-api-error.ts';
import type { AccountBase, Transaction } from '../plaid/plaid-objects.ts';
import type { SeededRandom } from '../random/seeded-random.ts';
import { ChangeLog } from './change-log.ts';
import { PostedLedger } from './posted-ledger.ts';

/** Fixed (non-random) movements per day that come on top of the discretionary purchases. */
const SCHEDULED_PER_DAY = 0.72;
const DEFAULT_PER_DAY = 4.5;
const INITIAL_WINDOW_DAYS = 30;

export type UpdateStatus = 'NOT_READY' | 'INITIAL_UPDATE_COMPLETE' | 'HISTORICAL_UPDATE_COMPLETE';

export interface SandboxItemInit {
  itemId: string;
  accessToken: string;
  institution: SandboxInstitution;
  username: string;
  webhook: string | null;
  products: string[];
  /** Approximate history size; default ≈4.5 a day. */
  transactions?: number;
  historyDays: number;
  today: Day;
  /** When the initial (last 30 days) and historical pulls become visible, in epoch ms. */
  initialReadyAt: number;
  historicalReadyAt: number;
  random: SeededRandom;
  taxonomy: PfcTaxonomy;
  createdAt: number;
}

interface Account {
  fixture: AccountFixture;
  accountId: string;
}

/**
 * A change to an item's transactions after it was generated, in the order it happened. Replaying the
 * list on an item generated from the same random state rebuilds the same change log (ids, positions).
 */
export type ItemChange =
  | { kind: 'release'; status: Exclude<UpdateStatus, 'NOT_READY'> }
  | { kind: 'advance'; days: number }
  | { kind: 'correct' }
  | { kind: 'cancel'; transactionId: string }
  | { kind: 'post'; posting: Posting };

/** A transaction a test or demo posts by hand (see `post`): Plaid's sign, positive is money out. */
export interface Posting {
  account: AccountRole;
  date: string;
  amountCents: number;
  name: string;
  merchantName: string | null;
  /** A PFC v2 detailed category. */
  detailed: string;
}

export interface AdvanceResult {
  added: number;
  modified: number;
  removed: number;
}

/** One linked Item: accounts, a generated history, and the change log /transactions/sync pages through. */
export class SandboxItem {
  readonly itemId: string;
  readonly accessToken: string;
  readonly institution: SandboxInstitution;
  readonly username: string;
  readonly products: string[];
  readonly createdAt: number;
  readonly log = new ChangeLog();
  webhook: string | null;
  error: PlaidApiError | null = null;
  removed = false;
  /** Plaid fires SYNC_UPDATES_AVAILABLE only for items on which /transactions/sync was called once. */
  syncCalled = false;
  lastSuccessfulUpdate: number;
  /** Armed by the admin API: after this many pages of a chain, the data changes under the client. */
  mutationTrap: { afterPages: number; pagesSeen: number } | null = null;
  readonly accounts: Account[];

  readonly #random: SeededRandom;
  readonly #taxonomy: PfcTaxonomy;
  readonly #generator: HistoryGenerator;
  readonly #currency: string;
  readonly #perDay: number;
  readonly #pending = new Map<string, TransactionDraft>();
  readonly #postedRecent: string[] = [];
  readonly #changes: ItemChange[] = [];
  /** Transaction id → the own-account movement it is one leg of (ground truth for transfer detection). */
  readonly #ownTransferKeys = new Map<string, string>();
  /** Posted transaction id → its account, posting date and settled amount (Plaid's sign): what moves balances. */
  readonly #posted = new PostedLedger();
  /** Each account's balance the day before the generated history starts, fixed so that at generation `current` is the fixture's. */
  readonly #openingCents = new Map<string, number>();
  #today: Day;
  #initial: Transaction[] = [];
  #historical: Transaction[] = [];
  #initialReadyAt: number;
  #historicalReadyAt: number;
  #released: 0 | 1 | 2 = 0;

  constructor(init: SandboxItemInit) {
    this.itemId = init.itemId;
    this.accessToken = init.accessToken;
    this.institution = init.institution;
    this.username = init.username;
    this.webhook = init.webhook;
    this.products = init.products;
    this.createdAt = init.createdAt;
    this.lastSuccessfulUpdate = init.createdAt;
    this.#random = init.random;
    this.#taxonomy = init.taxonomy;
    this.#currency = init.institution.currency;
    this.#today = init.today;
    this.#initialReadyAt = init.initialReadyAt;
    this.#historicalReadyAt = Math.max(init.initialReadyAt, init.historicalReadyAt);
    this.accounts = SANDBOX_ACCOUNTS.map((fixture) => ({ fixture, accountId: this.#random.id() }));

    const days = Math.max(1, init.historyDays);
    const start = init.today - days + 1;
    const target = init.transactions ?? Math.round(days * DEFAULT_PER_DAY);
    const discretionary = Math.max(0, Math.round(target - days * SCHEDULED_PER_DAY));
    this.#perDay = discretionary / days;
    this.#generator = new HistoryGenerator(
      this.#random.fork('history'),
      start,
      this.accounts.map((a) => a.fixture.role),
    );
    const perDay = new Array<number>(days).fill(Math.floor(discretionary / days));
    for (let extra = discretionary - Math.floor(discretionary / days) * days; extra > 0; extra--) {
      perDay[this.#random.int(0, days - 1)]! += 1;
    }
    const initialFrom = isoFromDay(init.today - INITIAL_WINDOW_DAYS);
    for (let i = 0; i < days; i++) {
      for (const draft of this.#generator.day(start + i, perDay[i]!)) {
        const txn = this.#materialise(draft, init.today);
        if (!txn) continue;
        if (txn.date >= initialFrom) this.#initial.push(txn);
        else this.#historical.push(txn);
      }
    }
    const movedCents = this.#movedCents();
    for (const { fixture, accountId } of this.accounts)
      this.#openingCents.set(accountId, fixture.currentCents - (movedCents.get(accountId) ?? 0));
    // Newest first, the order Plaid's initial pull tends to deliver.
    this.#initial.reverse();
    this.#historical.reverse();
  }

  get today(): Day {
    return this.#today;
  }

  get currency(): string {
    return this.#currency;
  }

  /** What changed since the item was generated, oldest first (see `replay`). */
  get changes(): readonly ItemChange[] {
    return this.#changes;
  }

  /** Re-applies changes recorded by an item generated from the same recipe, in order. */
  replay(changes: readonly ItemChange[]): void {
    for (const change of changes) {
      if (change.kind === 'release') this.#releaseThrough(change.status);
      else if (change.kind === 'advance') this.advance(change.days);
      else if (change.kind === 'cancel') this.cancel(change.transactionId);
      else if (change.kind === 'post') this.post(change.posting);
      else this.correctRecent();
    }
  }

  /** Makes the initial/historical pulls visible once their time has come; returns what became ready. */
  release(now: number): UpdateStatus | null {
    if (now >= this.#historicalReadyAt) return this.#releaseThrough('HISTORICAL_UPDATE_COMPLETE');
    if (now >= this.#initialReadyAt) return this.#releaseThrough('INITIAL_UPDATE_COMPLETE');
    return null;
  }

  /** Makes everything visible now (advance needs a complete history to build on). */
  releaseAll(): void {
    this.#releaseThrough('HISTORICAL_UPDATE_COMPLETE');
  }

  #releaseThrough(status: Exclude<UpdateStatus, 'NOT_READY'>): UpdateStatus | null {
    const level = status === 'INITIAL_UPDATE_COMPLETE' ? 1 : 2;
    if (this.#released >= level) return null;
    if (this.#released < 1) {
      for (const txn of this.#initial) this.log.add(txn);
      this.#initial = [];
      this.#released = 1;
    }
    if (level === 2) {
      for (const txn of this.#historical) this.log.add(txn);
      this.#historical = [];
      this.#released = 2;
    }
    this.#changes.push({ kind: 'release', status });
    return status;
  }

  get nextReleaseAt(): number | null {
    if (this.#released === 0) return this.#initialReadyAt;
    if (this.#released === 1) return this.#historicalReadyAt;
    return null;
  }

  get updateStatus(): UpdateStatus {
    return this.#released === 0
      ? 'NOT_READY'
      : this.#released === 1
        ? 'INITIAL_UPDATE_COMPLETE'
        : 'HISTORICAL_UPDATE_COMPLETE';
  }

  /**
   * Movements between the item's own accounts whose two legs are both live: the outflow (money leaving,
   * positive amount) and the inflow. What a correct transfer detector must pair.
   */
  ownAccountTransfers(): { key: string; outflow_transaction_id: string; inflow_transaction_id: string }[] {
    const legs = new Map<string, Transaction[]>();
    for (const [id, key] of this.#ownTransferKeys) {
      const txn = this.log.live.get(id);
      if (!txn) continue;
      const list = legs.get(key);
      if (list) list.push(txn);
      else legs.set(key, [txn]);
    }
    const pairs: { key: string; outflow_transaction_id: string; inflow_transaction_id: string }[] = [];
    for (const [key, list] of legs) {
      const out = list.find((t) => t.amount > 0);
      const inn = list.find((t) => t.amount < 0);
      if (list.length === 2 && out && inn)
        pairs.push({
          key,
          outflow_transaction_id: out.transaction_id,
          inflow_transaction_id: inn.transaction_id,
        });
    }
    return pairs.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Accounts as AccountBase; depository `available` reflects pending outflows. */
  accountObjects(options: { syncedOnly?: boolean; accountIds?: readonly string[] } = {}): AccountBase[] {
    const pendingByAccount = new Map<string, number>();
    for (const [id, draft] of this.#pending) {
      const txn = this.log.live.get(id);
      if (txn)
        pendingByAccount.set(txn.account_id, (pendingByAccount.get(txn.account_id) ?? 0) + draft.amountCents);
    }
    const movedCents = this.#movedCents();
    return this.accounts
      .filter((a) => !options.syncedOnly || hasSyncedTransactions(a.fixture))
      .filter((a) => !options.accountIds || options.accountIds.includes(a.accountId))
      .map(({ fixture, accountId }) => {
        const pendingCents = pendingByAccount.get(accountId) ?? 0;
        const currentCents = (this.#openingCents.get(accountId) ?? 0) + (movedCents.get(accountId) ?? 0);
        // Available moves with the current balance: the fixture's gap between them (holds) stays.
        const drift = currentCents - fixture.currentCents;
        const available =
          fixture.availableCents === null
            ? fixture.limitCents === null
              ? null
              : fixture.limitCents - currentCents - pendingCents
            : fixture.availableCents + drift - (fixture.type === 'depository' ? pendingCents : 0);
        return {
          account_id: accountId,
          balances: {
            available: available === null ? null : available / 100,
            current: currentCents / 100,
            limit: fixture.limitCents === null ? null : fixture.limitCents / 100,
            iso_currency_code: this.#currency,
            unofficial_currency_code: null,
          },
          mask: fixture.mask,
          name: fixture.name,
          official_name: fixture.official_name,
          type: fixture.type,
          subtype: fixture.subtype,
          holder_category: 'personal' as const,
        };
      });
  }

  /**
   * Each synced account's balance at the end of every day from the day before the history starts to today,
   * walked forward from the opening balance through the posted transactions (ground truth for balance
   * reconstruction). A deposit account's balance falls by a positive (money out) amount; a card's or loan's,
   * which is what is owed, rises by it.
   */
  dailyBalances(): { account_id: string; date: string; current: number }[] {
    const byAccountDay = new Map<string, number>();
    let first = this.#today;
    for (const p of this.#posted.values()) {
      const key = `${p.accountId}|${p.date}`;
      byAccountDay.set(key, (byAccountDay.get(key) ?? 0) + p.cents);
      first = Math.min(first, dayFromIso(p.date));
    }
    const out: { account_id: string; date: string; current: number }[] = [];
    for (const { fixture, accountId } of this.accounts) {
      if (!hasSyncedTransactions(fixture)) continue;
      const sign = isDebt(fixture) ? 1 : -1;
      let balance = this.#openingCents.get(accountId) ?? 0;
      for (let day = first - 1; day <= this.#today; day++) {
        const date = isoFromDay(day);
        balance += sign * (byAccountDay.get(`${accountId}|${date}`) ?? 0);
        out.push({ account_id: accountId, date, current: balance / 100 });
      }
    }
    return out;
  }

  /** Per account, the net change the posted transactions made to its balance (see dailyBalances). */
  #movedCents(): Map<string, number> {
    const moved = new Map<string, number>();
    for (const { fixture, accountId } of this.accounts) {
      const net = this.#posted.net(accountId);
      moved.set(accountId, isDebt(fixture) ? net : -net);
    }
    return moved;
  }

  /**
   * Moves the item's clock forward: each new day brings purchases and scheduled movements, pending
   * transactions that reach their posting day post (new id, `pending_transaction_id` set, the pending
   * one removed) or are released, and a few posted ones are corrected or cancelled.
   */
  advance(days: number): AdvanceResult {
    this.releaseAll();
    const last = this.#changes.at(-1);
    // Consecutive advances replay as one: the days are generated one after another either way.
    if (last?.kind === 'advance') last.days += days;
    else this.#changes.push({ kind: 'advance', days });
    const before = this.log.seq;
    const result: AdvanceResult = { added: 0, modified: 0, removed: 0 };
    for (let i = 0; i < days; i++) {
      const day = this.#today + 1;
      this.#today = day;
      for (const [pendingId, draft] of [...this.#pending]) {
        if (draft.postDay > day) continue;
        this.#pending.delete(pendingId);
        this.log.remove(pendingId);
        result.removed++;
        if (draft.neverPosts) continue;
        const posted = this.#build(draft, this.#random.id(), false, pendingId);
        this.log.add(posted);
        this.#postedRecent.push(posted.transaction_id);
        result.added++;
      }
      const count = Math.floor(this.#perDay) + (this.#random.chance(this.#perDay % 1) ? 1 : 0);
      for (const draft of this.#generator.day(day, count)) {
        const txn = this.#materialise(draft, day);
        if (!txn) continue;
        this.log.add(txn);
        result.added++;
      }
      if (this.#random.chance(0.3) && this.#correctRecent()) result.modified++;
      if (this.#random.chance(0.05) && this.#cancelRecent()) result.removed++;
    }
    if (this.log.seq > before) this.lastSuccessfulUpdate = Date.now();
    return result;
  }

  /**
   * Takes a posted transaction back as if it never happened (a payment the household skipped, or one the
   * bank reversed): it leaves the history and the next sync reports it removed. False when not live/posted.
   */
  cancel(transactionId: string): boolean {
    this.releaseAll();
    if (!this.log.live.has(transactionId) || this.#pending.has(transactionId)) return false;
    this.#changes.push({ kind: 'cancel', transactionId });
    this.log.remove(transactionId);
    this.#posted.delete(transactionId);
    this.lastSuccessfulUpdate = Date.now();
    return true;
  }

  /**
   * Posts one chosen transaction on or before the item's today (a purchase a test needs to see arrive):
   * it joins the history, moves the balance, and the next sync reports it added. Returns its id.
   */
  post(posting: Posting): string {
    this.releaseAll();
    const day = dayFromIso(posting.date);
    if (day > this.#today) throw new RangeError(`date ${posting.date} is after the item's today`);
    this.#changes.push({ kind: 'post', posting });
    const txn = this.#build(
      {
        account: posting.account,
        authorizedDay: day,
        postDay: day,
        amountCents: posting.amountCents,
        descriptor: posting.name,
        merchantName: posting.merchantName,
        website: null,
        hasLogo: false,
        detailed: posting.detailed,
        confidence: 'VERY_HIGH',
        channel: 'in store',
        counterpartyType: posting.merchantName ? 'merchant' : null,
      },
      this.#random.id(),
      false,
      null,
    );
    this.log.add(txn);
    this.#postedRecent.push(txn.transaction_id);
    this.lastSuccessfulUpdate = Date.now();
    return txn.transaction_id;
  }

  /** Enriches or corrects a recently posted transaction in place (a `modified` update). */
  correctRecent(): boolean {
    this.#changes.push({ kind: 'correct' });
    return this.#correctRecent();
  }

  #correctRecent(): boolean {
    const id = this.#pickRecentPosted();
    if (!id) return false;
    const txn = this.log.live.get(id)!;
    const corrected: Transaction =
      txn.merchant_name === null
        ? {
            ...txn,
            merchant_name: titleCase(
              txn.name
                .replace(/^(SQ \*|TST\* |SP )/, '')
                .split(/\s+\d|#/)[0]!
                .trim(),
            ),
            personal_finance_category: { ...txn.personal_finance_category, confidence_level: 'HIGH' },
          }
        : {
            ...txn,
            name: txn.merchant_name,
            personal_finance_category: { ...txn.personal_finance_category, confidence_level: 'VERY_HIGH' },
          };
    this.log.modify(corrected);
    return true;
  }

  #cancelRecent(): boolean {
    const id = this.#pickRecentPosted();
    if (!id) return false;
    this.log.remove(id);
    this.#posted.delete(id);
    return true;
  }

  #pickRecentPosted(): string | undefined {
    for (let tries = 0; tries < 8; tries++) {
      const window = this.#postedRecent.slice(-200);
      const id = window.length ? this.#random.pick(window) : undefined;
      if (id && this.log.live.has(id) && !this.#pending.has(id)) return id;
    }
    return undefined;
  }

  /** The transaction a draft shows on `today` (pending, posted, or nothing for a released hold). */
  #materialise(draft: TransactionDraft, today: Day): Transaction | null {
    if (draft.authorizedDay > today) return null;
    const pending = draft.postDay > today;
    if (!pending && draft.neverPosts) return null;
    const txn = this.#build(draft, this.#random.id(), pending, null);
    if (pending) this.#pending.set(txn.transaction_id, draft);
    else this.#postedRecent.push(txn.transaction_id);
    if (this.#postedRecent.length > 4000) this.#postedRecent.splice(0, 2000);
    return txn;
  }

  #build(
    draft: TransactionDraft,
    transactionId: string,
    pending: boolean,
    pendingTransactionId: string | null,
  ): Transaction {
    if (draft.ownTransferKey) this.#ownTransferKeys.set(transactionId, draft.ownTransferKey);
    const txn = buildTransaction(
      {
        draft,
        transactionId,
        accountId: this.#accountIdFor(draft.account),
        currency: this.#currency,
        pending,
        pendingTransactionId,
      },
      this.#taxonomy,
    );
    if (!pending)
      this.#posted.set(transactionId, {
        accountId: txn.account_id,
        date: txn.date,
        cents: Math.round(txn.amount * 100),
      });
    return txn;
  }

  #accountIdFor(role: AccountRole): string {
    return (this.accounts.find((a) => a.fixture.role === role) ?? this.accounts[0]!).accountId;
  }
}

function isDebt(fixture: AccountFixture): boolean {
  return fixture.type === 'credit' || fixture.type === 'loan';
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
