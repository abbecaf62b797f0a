import type { Day } from './calendar-day.ts';
import type { Merchant } from './merchant-catalogue.ts';
import type { AccountRole } from './sandbox-accounts.ts';

export type CounterpartyType = 'merchant' | 'financial_institution' | 'payment_app' | 'income_source';

/** One generated movement before it becomes a Plaid Transaction (amounts in minor units, Plaid's sign). */
export interface TransactionDraft {
  account: AccountRole;
  authorizedDay: Day;
  /** Day the bank posts it; after "today" it is still pending. */
  postDay: Day;
  amountCents: number;
  /** Settled amount when it differs from the authorisation (tips, FX). */
  postedAmountCents?: number;
  descriptor: string;
  merchantName: string | null;
  website: string | null;
  /** False for counterparties Plaid has no logo for. */
  hasLogo: boolean;
  detailed: string;
  confidence: 'VERY_HIGH' | 'HIGH' | 'MEDIUM' | 'LOW';
  channel: Merchant['channel'];
  counterpartyType: CounterpartyType | null;
  city?: Merchant['city'];
  /** A hold that is released instead of settling. */
  neverPosts?: boolean;
  /**
   * One leg of a movement between two of the household's own accounts (savings transfer, card or loan
   * payment): both legs carry the same key. Ground truth only; never shown through the Plaid API.
   */
  ownTransferKey?: string;
}
