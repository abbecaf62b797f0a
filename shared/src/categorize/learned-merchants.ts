/** A user's learned merchant → category memory (the learned_merchants table as plain data). */
export interface LearnedMerchant {
  categoryId: string;
  /** Consecutive corrections/confirmations to this category. */
  hits: number;
}

export type LearnedMerchantMap = Map<string, LearnedMerchant>;

/** Records that the user put this merchant in this category; a different category starts over at 1 hit. */
export function learnMerchant(
  map: LearnedMerchantMap,
  key: string,
  categoryId: string,
): LearnedMerchant | null {
  if (!key) return null;
  const current = map.get(key);
  const next =
    current && current.categoryId === categoryId
      ? { categoryId, hits: current.hits + 1 }
      : { categoryId, hits: 1 };
  map.set(key, next);
  return next;
}

/** Confidence in a merchant memory: one confirmation is a fair guess, three are near certain. */
export function merchantConfidence(hits: number): number {
  return hits >= 3 ? 0.97 : hits === 2 ? 0.9 : 0.75;
}
