import { sql } from 'kysely';
import type { Db } from '../db/create-database.ts';
import type { InheritedEdits, StoredTransactionRef } from '../sync/plan-transaction-writes.ts';
import type { SyncedTransaction } from '../sync/synced-records.ts';

const CHUNK = 5000;

export async function findTransactionRefs(
  db: Db,
  itemId: string,
  plaidIds: readonly string[],
): Promise<Map<string, StoredTransactionRef>> {
  const refs = new Map<string, StoredTransactionRef>();
  for (let i = 0; i < plaidIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('transactions')
      .select([
        'id',
        'plaid_transaction_id',
        'locked_fields',
        'category_id',
        'category_source',
        'category_rule_id',
        'category_confidence',
        'payee',
        'notes',
        'tags',
        'excluded_from_reports',
      ])
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', 'in', plaidIds.slice(i, i + CHUNK))
      .$narrowType<{ plaid_transaction_id: string }>() // matched by Plaid id, so it has one
      .execute();
    for (const r of rows) {
      refs.set(r.plaid_transaction_id, {
        id: r.id,
        plaidTransactionId: r.plaid_transaction_id,
        lockedFields: r.locked_fields,
        categoryId: r.category_id,
        categorySource: r.category_source,
        categoryRuleId: r.category_rule_id,
        categoryConfidence: r.category_confidence,
        payee: r.payee,
        notes: r.notes,
        tags: r.tags,
        excludedFromReports: r.excluded_from_reports,
      });
    }
  }
  return refs;
}

export async function renameTransactions(
  trx: Db,
  renames: readonly { rowId: string; toPlaidTransactionId: string }[],
): Promise<void> {
  for (const r of renames) {
    await trx
      .updateTable('transactions')
      .set({ plaid_transaction_id: r.toPlaidTransactionId })
      .where('id', '=', r.rowId)
      .execute();
  }
}

/**
 * Inserts or updates Plaid-owned fields, keyed by (item_id, plaid_transaction_id). User-owned fields are
 * never written here except `payee` (Plaid's merchant name) when the user has not locked it. Rows whose
 * Plaid fields did not change are left alone. Returns the ids of rows inserted or changed.
 */
export async function upsertTransactions(
  trx: Db,
  owner: { userId: string; itemId: string },
  accountIds: ReadonlyMap<string, string>,
  txns: readonly SyncedTransaction[],
): Promise<string[]> {
  const changed: string[] = [];
  for (let i = 0; i < txns.length; i += CHUNK) {
    const rows = txns.slice(i, i + CHUNK).map((t) => {
      const accountId = accountIds.get(t.plaidAccountId);
      if (!accountId) throw new Error(`transaction ${t.plaidTransactionId} names an unknown account`);
      return {
        a: accountId,
        p: t.plaidTransactionId,
        m: t.amountMinor,
        c: t.currency,
        uc: t.unofficialCurrency,
        d: t.date,
        ad: t.authorizedDate,
        dt: t.datetime,
        adt: t.authorizedDatetime,
        n: t.rawName,
        mn: t.merchantName,
        pe: t.pending,
        pt: t.pendingTransactionId,
        ch: t.paymentChannel,
        fp: t.pfcPrimary,
        fd: t.pfcDetailed,
        fc: t.pfcConfidence,
      };
    });
    const result = await sql<{ id: string }>`
      INSERT INTO transactions AS t (
        user_id, item_id, account_id, plaid_transaction_id, amount_minor, currency, unofficial_currency,
        date, authorized_date, datetime, authorized_datetime, raw_name, merchant_name, payee, pending,
        pending_transaction_id, payment_channel, pfc_primary, pfc_detailed, pfc_confidence)
      SELECT ${owner.userId}::uuid, ${owner.itemId}::uuid, x.a, x.p, x.m, x.c, x.uc, x.d, x.ad, x.dt, x.adt,
        x.n, x.mn, x.mn, x.pe, x.pt, x.ch, x.fp, x.fd, x.fc
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        a uuid, p text, m bigint, c text, uc text, d date, ad date, dt timestamptz, adt timestamptz,
        n text, mn text, pe boolean, pt text, ch text, fp text, fd text, fc text)
      ON CONFLICT (item_id, plaid_transaction_id) DO UPDATE SET
        account_id = excluded.account_id,
        amount_minor = excluded.amount_minor,
        currency = excluded.currency,
        unofficial_currency = excluded.unofficial_currency,
        date = excluded.date,
        authorized_date = excluded.authorized_date,
        datetime = excluded.datetime,
        authorized_datetime = excluded.authorized_datetime,
        raw_name = excluded.raw_name,
        merchant_name = excluded.merchant_name,
        payee = CASE WHEN 'payee' = ANY (t.locked_fields) THEN t.payee ELSE excluded.payee END,
        pending = excluded.pending,
        pending_transaction_id = excluded.pending_transaction_id,
        payment_channel = excluded.payment_channel,
        pfc_primary = excluded.pfc_primary,
        pfc_detailed = excluded.pfc_detailed,
        pfc_confidence = excluded.pfc_confidence,
        updated_at = now()
      WHERE (t.account_id, t.amount_minor, t.currency, t.unofficial_currency, t.date, t.authorized_date,
             t.datetime, t.authorized_datetime, t.raw_name, t.merchant_name, t.pending, t.pending_transaction_id,
             t.payment_channel, t.pfc_primary, t.pfc_detailed, t.pfc_confidence)
        IS DISTINCT FROM
            (excluded.account_id, excluded.amount_minor, excluded.currency, excluded.unofficial_currency,
             excluded.date, excluded.authorized_date, excluded.datetime, excluded.authorized_datetime,
             excluded.raw_name, excluded.merchant_name, excluded.pending, excluded.pending_transaction_id,
             excluded.payment_channel, excluded.pfc_primary, excluded.pfc_detailed, excluded.pfc_confidence)
      RETURNING t.id`.execute(trx);
    for (const r of result.rows) changed.push(r.id);
  }
  return changed;
}

export async function applyInheritedEdits(
  trx: Db,
  itemId: string,
  edits: readonly InheritedEdits[],
): Promise<void> {
  for (const e of edits) {
    await trx
      .updateTable('transactions')
      .set({
        locked_fields: e.lockedFields,
        ...(e.category
          ? {
              category_id: e.category.id,
              category_source: e.category.source,
              category_rule_id: e.category.ruleId,
              category_confidence: e.category.confidence,
            }
          : {}),
        ...(e.payee !== undefined ? { payee: e.payee } : {}),
        ...(e.notes !== undefined ? { notes: e.notes } : {}),
        ...(e.tags !== undefined ? { tags: e.tags } : {}),
        ...(e.excludedFromReports !== undefined ? { excluded_from_reports: e.excludedFromReports } : {}),
        updated_at: new Date(),
      })
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', '=', e.targetPlaidTransactionId)
      .execute();
  }
}

export async function deleteTransactions(
  trx: Db,
  itemId: string,
  plaidIds: readonly string[],
): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < plaidIds.length; i += CHUNK) {
    const result = await trx
      .deleteFrom('transactions')
      .where('item_id', '=', itemId)
      .where('plaid_transaction_id', 'in', plaidIds.slice(i, i + CHUNK))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
