import type { Day } from '../data/calendar-day.ts';
import type { ItemChange } from '../items/sandbox-item.ts';
import type { LinkToken } from '../link/link-token.ts';
import type { StoredMail } from '../mail/mail-store.ts';
import type { RandomState } from '../random/seeded-random.ts';
import type { SigningKey } from '../webhooks/webhook-signer.ts';

export const SNAPSHOT_VERSION = 1;

/** What an item was generated from; the same recipe always generates the same accounts and history. */
export interface ItemRecipe {
  itemId: string;
  accessToken: string;
  institutionId: string;
  username: string;
  products: string[];
  transactions?: number;
  historyDays: number;
  today: Day;
  createdAt: number;
  initialReadyAt: number;
  historicalReadyAt: number;
  /** The item's generator right after its ids were drawn. */
  random: RandomState;
}

export interface SavedPlaidError {
  httpStatus: number;
  errorType: string;
  errorCode: string;
  message: string;
  displayMessage: string | null;
}

export interface SavedItem {
  recipe: ItemRecipe;
  /** Replayed in order after generation (releases, advances, corrections). */
  changes: ItemChange[];
  webhook: string | null;
  error: SavedPlaidError | null;
  removed: boolean;
  syncCalled: boolean;
  lastSuccessfulUpdate: number;
  mutationTrap: { afterPages: number; pagesSeen: number } | null;
}

export interface SavedPublicToken {
  token: string;
  itemId: string;
  expiresAt: number;
  used: boolean;
}

/**
 * The emulator's state as a compact recipe: item parameters and their ordered changes rather than
 * their transactions, plus tokens, Link sessions, the signing key and the mail outbox. Webhook
 * delivery logs and fault rules are test diagnostics and are not kept.
 */
export interface EmulatorSnapshot {
  version: typeof SNAPSHOT_VERSION;
  seed: number;
  random: RandomState;
  signingKey: SigningKey;
  items: SavedItem[];
  publicTokens: SavedPublicToken[];
  linkTokens: LinkToken[];
  mail: StoredMail[];
}
