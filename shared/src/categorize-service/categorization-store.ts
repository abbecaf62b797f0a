import type { Kysely, Transaction } from 'kysely';
import type { CategorizableTransaction, SplitLine } from '../categorize/categorizable-transaction.ts';
import type { CategorizeContext, CategoryDecision } from '../categorize/categorize-transaction.ts';
import type { LearnedMerchantMap } from '../categorize/learned-merchants.ts';
import {
  createModel,
  deserializeModel,
  type NaiveBayesModel,
  serializeModel,
} from '../categorize/naive-bayes.ts';
import { REQUEST_RULE_BUDGET, ruleBudget } from '../categorize/rule-budget.ts';
import { compileRules } from '../categorize/rule-engine.ts';
import type { RuleDefinition } from '../categorize/rule-schema.ts';
import type { Database, Row } from '../db/database.ts';
import { saveCategorizations } from '../tables/transactions.ts';

// The persistence edge of categorization: rows ↔ the pure core's plain data. Every function takes the
// executor (db or trx) first so services compose them in one transaction.

type Executor = Kysely<Database>;

/** Runs `fn` in a transaction, or directly when `db` already is one (e.g. the sync's commit). */
export function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute((trx: Transaction<Database>) => fn(trx));
}

// Stored lock names ('category', as the sync engine writes them) ↔ the core's field names.
const lockToField: Record<string, string> = { category: 'categoryId' };

export function toCategorizable(row: Row<'transactions'>): CategorizableTransaction {
  const locked = row.locked_fields.map((f) => lockToField[f] ?? f);
  if (row.category_source === 'user' && !locked.includes('categoryId')) locked.push('categoryId');
  return {
    id: row.id,
    accountId: row.account_id,
    amountMinor: Number(row.amount_minor),
    currency: row.currency ?? row.unofficial_currency,
    date: String(row.date).slice(0, 10),
    rawName: row.raw_name,
    merchantName: row.merchant_name,
    payee: row.payee,
    pending: row.pending,
    pfcPrimary: row.pfc_primary,
    pfcDetailed: row.pfc_detailed,
    pfcConfidence: row.pfc_confidence,
    categoryId: row.category_id,
    categorySource: row.category_source,
    notes: row.notes,
    tags: row.tags,
    isTransfer: row.is_transfer,
    excludedFromReports: row.excluded_from_reports,
    lockedFields: locked,
  };
}

export function ruleFromRow(row: Row<'rules'>): RuleDefinition {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    priority: row.priority,
    conditionsOp: row.conditions_op,
    conditions: row.conditions as RuleDefinition['conditions'],
    actions: row.actions as RuleDefinition['actions'],
    stopProcessing: row.stop_processing,
    enabled: row.enabled,
  };
}

export async function loadRules(db: Executor, userId: string): Promise<RuleDefinition[]> {
  const rows = await db.selectFrom('rules').selectAll().where('user_id', '=', userId).execute();
  return rows.map(ruleFromRow);
}

/** The user's stored model; `forUpdate` locks its row so concurrent corrections do not lose each other's updates. */
export async function loadModel(
  db: Executor,
  userId: string,
  options: { forUpdate?: boolean } = {},
): Promise<NaiveBayesModel | null> {
  let q = db.selectFrom('classifier_models').select('model').where('user_id', '=', userId);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? deserializeModel(row.model) : null;
}

export async function saveModel(db: Executor, userId: string, model: NaiveBayesModel): Promise<void> {
  const json = JSON.stringify(serializeModel(model));
  await db
    .insertInto('classifier_models')
    .values({ user_id: userId, model: json, trained_rows: model.examples })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ model: json, trained_rows: model.examples, updated_at: new Date() }),
    )
    .execute();
}

export async function loadOrCreateModel(db: Executor, userId: string): Promise<NaiveBayesModel> {
  return (await loadModel(db, userId, { forUpdate: true })) ?? createModel();
}

/** Everything categorizeTransaction needs for one user, loaded once per batch. */
export async function loadCategorizeContext(
  db: Executor,
  userId: string,
  options: { autoApplyConfidence?: number | undefined; ruleBudget?: number | undefined } = {},
): Promise<CategorizeContext> {
  const [rules, categories, merchants, model] = await Promise.all([
    loadRules(db, userId),
    db
      .selectFrom('categories')
      .select(['id', 'pfc_detailed', 'is_group'])
      .where('user_id', '=', userId)
      .execute(),
    db
      .selectFrom('learned_merchants')
      .select(['merchant_key', 'category_id', 'hits'])
      .where('user_id', '=', userId)
      .execute(),
    loadModel(db, userId),
  ]);
  const merchantMap: LearnedMerchantMap = new Map(
    merchants.map((m) => [m.merchant_key, { categoryId: m.category_id, hits: m.hits }]),
  );
  return {
    engine: compileRules(rules, ruleBudget(options.ruleBudget ?? REQUEST_RULE_BUDGET)),
    merchants: merchantMap,
    model,
    pfcCategoryIds: new Map(categories.filter((c) => c.pfc_detailed).map((c) => [c.pfc_detailed!, c.id])),
    categoryIds: new Set(categories.map((c) => c.id)),
    autoApplyConfidence: options.autoApplyConfidence,
    ruleNames: new Map(rules.map((r) => [r.id, r.name])),
  };
}

/** Writes a categorized transaction back (only the fields categorization owns) and replaces its splits. */
export async function saveCategorized(
  db: Executor,
  userId: string,
  t: CategorizableTransaction,
  decision: Pick<CategoryDecision, 'categoryId' | 'source' | 'ruleId' | 'confidence' | 'needsReview'>,
  splits: SplitLine[] | null,
  now: Date,
): Promise<void> {
  await saveCategorizedMany(db, userId, [{ t, decision, splits }], now);
}

export type CategorizedWrite = {
  t: CategorizableTransaction;
  decision: Pick<CategoryDecision, 'categoryId' | 'source' | 'ruleId' | 'confidence' | 'needsReview'>;
  splits: SplitLine[] | null;
};

/**
 * saveCategorized for many transactions in a few statements (500 rows each) instead of one per row: a
 * sync's first import categorizes thousands (in batches after its commit), and on embedded PGlite every
 * statement runs in the backend's event loop. Same columns, same user check; splits are written per
 * transaction.
 */
export async function saveCategorizedMany(
  db: Executor,
  userId: string,
  writes: readonly CategorizedWrite[],
  now: Date,
): Promise<void> {
  await saveCategorizations(
    db,
    userId,
    writes.map(({ t, decision }) => ({
      id: t.id,
      payee: t.payee,
      notes: t.notes,
      // A mutable copy for the row: categorization's transactions are read-only.
      tags: [...t.tags],
      is_transfer: t.isTransfer,
      excluded_from_reports: t.excludedFromReports,
      category_id: decision.categoryId,
      category_source: decision.source,
      category_rule_id: decision.ruleId,
      category_confidence: decision.confidence,
      needs_review: decision.needsReview,
    })),
    now,
  );
  for (const { t, splits } of writes) {
    if (!splits) continue;
    await db.deleteFrom('transaction_splits').where('transaction_id', '=', t.id).execute();
    await db
      .insertInto('transaction_splits')
      .values(
        splits.map((s) => ({
          user_id: userId,
          transaction_id: t.id,
          category_id: s.categoryId,
          amount_minor: s.amountMinor,
          notes: s.notes,
        })),
      )
      .execute();
  }
}
