import { z } from 'zod';
import { Id, IsoDate, MinorUnits, Timestamp } from './common.ts';

export const Item = z.object({
  id: Id,
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  status: z.enum([
    'active',
    'login_required',
    'pending_expiration',
    'permission_revoked',
    'error',
    'removed',
  ]),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  consentExpiresAt: Timestamp.nullable(),
  lastSyncedAt: Timestamp.nullable(),
  /** Plaid has sent the whole history (a new connection gets its last 30 days first, the rest later). */
  historyComplete: z.boolean(),
  createdAt: Timestamp,
});

export const ItemList = z.object({ items: z.array(Item) });

export const SyncRun = z.object({
  id: Id,
  itemId: Id,
  trigger: z.enum(['initial', 'webhook', 'schedule', 'manual', 'catch_up']),
  status: z.enum(['running', 'succeeded', 'failed', 'abandoned']),
  pages: z.number().int(),
  added: z.number().int(),
  modified: z.number().int(),
  removed: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: Timestamp,
  finishedAt: Timestamp.nullable(),
  durationMs: z.number().int().nullable(),
});

export const SyncRunList = z.object({ runs: z.array(SyncRun) });

export const SyncRunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const Account = z.object({
  id: Id,
  /** Null for a manual account (a bank Plaid can't reach, filled from statement files). */
  itemId: Id.nullable(),
  source: z.enum(['plaid', 'manual']),
  openingBalanceMinor: MinorUnits.nullable(),
  name: z.string(),
  officialName: z.string().nullable(),
  mask: z.string().nullable(),
  type: z.string(),
  subtype: z.string().nullable(),
  /**
   * liability: a credit card or loan; its currentMinor is what is owed, shown as a debt and subtracted in
   * net worth (net worth = assets − liabilities). asset: everything else.
   */
  side: z.enum(['asset', 'liability']),
  currency: z.string().nullable(),
  currentMinor: MinorUnits.nullable(),
  availableMinor: MinorUnits.nullable(),
  limitMinor: MinorUnits.nullable(),
  balanceUpdatedAt: Timestamp.nullable(),
  hidden: z.boolean(),
});

export const AccountList = z.object({ accounts: z.array(Account) });

export const BalanceHistoryQuery = z
  .object({ from: IsoDate.optional(), to: IsoDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

export const BalanceSnapshot = z.object({
  date: IsoDate,
  currentMinor: MinorUnits.nullable(),
  availableMinor: MinorUnits.nullable(),
  currency: z.string().nullable(),
});

export const BalanceHistory = z.object({ accountId: Id, snapshots: z.array(BalanceSnapshot) });
