import type { Kysely } from 'kysely';
import type { CategoryExplanation } from '../categorize/categorize-transaction.ts';
import { merchantKey } from '../categorize/clean-payee.ts';
import { merchantConfidence } from '../categorize/learned-merchants.ts';
import { predict } from '../categorize/naive-bayes.ts';
import { normalizePfcDetailed } from '../categorize/system-categories.ts';
import { categorizableFeatures } from '../categorize/transaction-features.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors/domain-error.ts';
import { loadModel, toCategorizable } from './categorization-store.ts';

/** "Why this category?" for a stored transaction: the user, which rule, the learned merchant or model, or Plaid. */
export async function explainCategory(
  db: Kysely<Database>,
  userId: string,
  transactionId: string,
): Promise<CategoryExplanation & { categoryId: string | null; categoryName: string | null }> {
  const row = await db
    .selectFrom('transactions')
    .leftJoin('categories', 'categories.id', 'transactions.category_id')
    .leftJoin('rules', 'rules.id', 'transactions.category_rule_id')
    .selectAll('transactions')
    .select(['categories.name as category_name', 'rules.name as rule_name'])
    .where('transactions.user_id', '=', userId)
    .where('transactions.id', '=', transactionId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('transaction', transactionId);
  const head = { categoryId: row.category_id, categoryName: row.category_name };
  const t = toCategorizable(row);
  switch (row.category_source) {
    case 'user':
      return { ...head, source: 'user', summary: 'you chose this category' };
    case 'rule':
      return {
        ...head,
        source: 'rule',
        ruleId: row.category_rule_id ?? '',
        ruleName: row.rule_name,
        summary: row.rule_name ? `rule "${row.rule_name}"` : 'a rule that has since been deleted',
      };
    case 'learned': {
      const key = merchantKey(t.rawName, t.merchantName);
      const remembered = key
        ? await db
            .selectFrom('learned_merchants')
            .select(['category_id', 'hits'])
            .where('user_id', '=', userId)
            .where('merchant_key', '=', key)
            .executeTakeFirst()
        : undefined;
      if (remembered && remembered.category_id === row.category_id) {
        return {
          ...head,
          source: 'learned',
          via: 'merchant',
          merchantKey: key,
          hits: remembered.hits,
          confidence: merchantConfidence(remembered.hits),
          summary: `you filed "${key}" here ${remembered.hits} time${remembered.hits === 1 ? '' : 's'}`,
        };
      }
      const model = await loadModel(db, userId);
      const p = model ? predict(model, categorizableFeatures(t)) : null;
      const confidence = row.category_confidence ?? p?.confidence ?? 0;
      return {
        ...head,
        source: 'learned',
        via: 'model',
        confidence,
        alternatives: (p?.alternatives ?? []).map((a) => ({ categoryId: a.label, confidence: a.confidence })),
        summary: `the model learned from your edits was ${Math.round(confidence * 100)}% sure`,
      };
    }
    case 'plaid': {
      const pfc = normalizePfcDetailed(t.pfcDetailed) ?? '';
      return {
        ...head,
        source: 'plaid',
        pfcDetailed: pfc,
        pfcConfidence: t.pfcConfidence ?? null,
        summary: `Plaid's category ${pfc}`,
      };
    }
    default:
      return { ...head, source: 'none', summary: 'not categorized yet' };
  }
}
