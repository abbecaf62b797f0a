import type { CategorySource } from '../db/database.ts';
import type { CategorizableTransaction, SplitLine } from './categorizable-transaction.ts';
import { cleanPayee, merchantKey } from './clean-payee.ts';
import { type LearnedMerchantMap, merchantConfidence } from './learned-merchants.ts';
import { type NaiveBayesModel, predict } from './naive-bayes.ts';
import { type ActionFailure, type FieldChange, type RuleEngine, runRules } from './rule-engine.ts';
import { normalizePfcDetailed } from './system-categories.ts';
import { categorizableFeatures } from './transaction-features.ts';

export const DEFAULT_AUTO_APPLY_CONFIDENCE = 0.6;

export interface CategorizeContext {
  engine: RuleEngine;
  merchants: LearnedMerchantMap;
  model: NaiveBayesModel | null;
  /** Plaid detailed code → the user's category id. */
  pfcCategoryIds: ReadonlyMap<string, string>;
  categoryIds?: ReadonlySet<string> | undefined;
  /** Learned suggestions at or above this confidence are applied; below, the transaction awaits review. */
  autoApplyConfidence?: number | undefined;
  ruleNames?: ReadonlyMap<string, string> | undefined;
}

/** Why a transaction has its category, shown to the user as "why this category?". */
export type CategoryExplanation =
  | { source: 'user'; summary: string }
  | { source: 'rule'; ruleId: string; ruleName: string | null; summary: string }
  | {
      source: 'learned';
      via: 'merchant';
      merchantKey: string;
      hits: number;
      confidence: number;
      summary: string;
    }
  | {
      source: 'learned';
      via: 'model';
      confidence: number;
      alternatives: { categoryId: string; confidence: number }[];
      summary: string;
    }
  | { source: 'plaid'; pfcDetailed: string; pfcConfidence: string | null; summary: string }
  | { source: 'none'; summary: string };

export interface CategoryDecision {
  categoryId: string | null;
  source: CategorySource;
  ruleId: string | null;
  confidence: number | null;
  needsReview: boolean;
  /** The learned guess even when it was not confident enough to apply. */
  suggestion: { categoryId: string; confidence: number } | null;
  explanation: CategoryExplanation;
}

export interface CategorizeResult {
  transaction: CategorizableTransaction;
  splits: SplitLine[] | null;
  decision: CategoryDecision;
  changes: FieldChange[];
  failures: readonly ActionFailure[];
  matchedRuleIds: readonly string[];
}

const plaidConfidence: Record<string, number> = { VERY_HIGH: 0.95, HIGH: 0.85, MEDIUM: 0.6, LOW: 0.3 };

/** The learned guess for a transaction: the merchant memory first, then the model. */
export function learnedSuggestion(
  t: Pick<
    CategorizableTransaction,
    'rawName' | 'merchantName' | 'amountMinor' | 'accountId' | 'date' | 'pfcDetailed'
  >,
  merchants: LearnedMerchantMap,
  model: NaiveBayesModel | null,
): { categoryId: string; confidence: number; explanation: CategoryExplanation } | null {
  const key = merchantKey(t.rawName, t.merchantName);
  const remembered = key ? merchants.get(key) : undefined;
  if (remembered) {
    const confidence = merchantConfidence(remembered.hits);
    return {
      categoryId: remembered.categoryId,
      confidence,
      explanation: {
        source: 'learned',
        via: 'merchant',
        merchantKey: key,
        hits: remembered.hits,
        confidence,
        summary: `you filed "${key}" here ${remembered.hits} time${remembered.hits === 1 ? '' : 's'}`,
      },
    };
  }
  if (!model) return null;
  const p = predict(model, categorizableFeatures(t));
  if (!p) return null;
  return {
    categoryId: p.label,
    confidence: p.confidence,
    explanation: {
      source: 'learned',
      via: 'model',
      confidence: p.confidence,
      alternatives: p.alternatives.map((a) => ({ categoryId: a.label, confidence: a.confidence })),
      summary: `the model learned from your edits is ${Math.round(p.confidence * 100)}% sure`,
    },
  };
}

/**
 * Categorizes one transaction. Precedence: the user's own edit (a locked category) > rules > learned
 * (merchant memory, then the model, if confident enough) > Plaid's category. Payee cleanup fills an empty,
 * unlocked payee before the rules run, so rules can test it.
 */
export function categorizeTransaction(
  input: CategorizableTransaction,
  ctx: CategorizeContext,
): CategorizeResult {
  const locked = new Set(input.lockedFields);
  const prepared =
    !input.payee && !locked.has('payee')
      ? { ...input, payee: cleanPayee(input.rawName, input.merchantName) }
      : input;
  const outcome = runRules(ctx.engine, prepared, { categoryIds: ctx.categoryIds });
  const t = outcome.transaction;
  const changes = [...outcome.changes];
  if (prepared.payee !== input.payee && !changes.some((c) => c.field === 'payee')) {
    changes.unshift({ field: 'payee', from: input.payee, to: t.payee, ruleId: 'payee-cleanup' });
  }
  const threshold = ctx.autoApplyConfidence ?? DEFAULT_AUTO_APPLY_CONFIDENCE;
  let decision: CategoryDecision;
  const learned =
    locked.has('categoryId') || outcome.categoryRuleId
      ? null
      : learnedSuggestion(t, ctx.merchants, ctx.model);
  const suggestion = learned ? { categoryId: learned.categoryId, confidence: learned.confidence } : null;
  const pfc = normalizePfcDetailed(t.pfcDetailed);
  const pfcCategory = pfc ? ctx.pfcCategoryIds.get(pfc) : undefined;
  if (locked.has('categoryId')) {
    decision = {
      categoryId: input.categoryId,
      source: 'user',
      ruleId: null,
      confidence: null,
      needsReview: false,
      suggestion: null,
      explanation: { source: 'user', summary: 'you chose this category' },
    };
  } else if (outcome.categoryRuleId) {
    const name = ctx.ruleNames?.get(outcome.categoryRuleId) ?? null;
    decision = {
      categoryId: t.categoryId,
      source: 'rule',
      ruleId: outcome.categoryRuleId,
      confidence: null,
      needsReview: false,
      suggestion: null,
      explanation: {
        source: 'rule',
        ruleId: outcome.categoryRuleId,
        ruleName: name,
        summary: name ? `rule "${name}"` : 'a rule',
      },
    };
  } else if (learned && learned.confidence >= threshold) {
    decision = {
      categoryId: learned.categoryId,
      source: 'learned',
      ruleId: null,
      confidence: learned.confidence,
      needsReview: false,
      suggestion,
      explanation: learned.explanation,
    };
  } else if (pfc && pfcCategory) {
    const conf = t.pfcConfidence ? (plaidConfidence[t.pfcConfidence] ?? 0.5) : 0.5;
    decision = {
      categoryId: pfcCategory,
      source: 'plaid',
      ruleId: null,
      confidence: conf,
      // A confident Plaid category needs no review unless our own guess disagrees with it.
      needsReview: conf < threshold || (suggestion !== null && suggestion.categoryId !== pfcCategory),
      suggestion,
      explanation: {
        source: 'plaid',
        pfcDetailed: pfc,
        pfcConfidence: t.pfcConfidence ?? null,
        summary: `Plaid's category ${pfc}`,
      },
    };
  } else {
    decision = {
      categoryId: null,
      source: 'none',
      ruleId: null,
      confidence: suggestion?.confidence ?? null,
      needsReview: true,
      suggestion,
      explanation: { source: 'none', summary: 'not categorized yet' },
    };
  }
  const transaction = { ...t, categoryId: decision.categoryId, categorySource: decision.source };
  if (input.categoryId !== transaction.categoryId && !changes.some((c) => c.field === 'categoryId')) {
    changes.push({
      field: 'categoryId',
      from: input.categoryId,
      to: transaction.categoryId,
      ruleId: decision.source,
    });
  }
  return {
    transaction,
    splits: outcome.splits,
    decision,
    changes,
    failures: outcome.failures,
    matchedRuleIds: outcome.matchedRuleIds,
  };
}
