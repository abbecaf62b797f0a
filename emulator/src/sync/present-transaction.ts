import type { PfcTaxonomy } from '../data/pfc-taxonomy.ts';
import type { PersonalFinanceCategory, Transaction } from '../plaid/plaid-objects.ts';

export interface Presentation {
  /** `include_original_description`: otherwise `original_description` is null. */
  originalDescription: boolean;
  pfcVersion: 'v1' | 'v2';
}

export const DEFAULT_PRESENTATION: Presentation = { originalDescription: false, pfcVersion: 'v2' };

/** A stored transaction as a request's options ask to see it. */
export function presentTransaction(txn: Transaction, p: Presentation, taxonomy: PfcTaxonomy): Transaction {
  if (p.originalDescription && p.pfcVersion === 'v2') return txn;
  return {
    ...txn,
    original_description: p.originalDescription ? txn.original_description : null,
    personal_finance_category: presentPfc(txn.personal_finance_category, p, taxonomy),
  };
}

export function presentPfc(
  pfc: PersonalFinanceCategory,
  p: Presentation,
  taxonomy: PfcTaxonomy,
): PersonalFinanceCategory {
  if (p.pfcVersion === 'v2') return pfc;
  const v1 = taxonomy.toV1(pfc.detailed);
  return { ...v1, confidence_level: pfc.confidence_level, version: 'v1' };
}
