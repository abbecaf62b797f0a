import type { Minor } from '../money/minor-units.ts';

export interface SeriesPriceChange {
  previousMinor: Minor;
  currentMinor: Minor;
}

/**
 * A stored series whose last payment differs from its typical (steady) amount changed price: "Netflix went from
 * $15.49 to $17.99". The report's bills section applies the same rule to a series it has no payments for.
 */
export function storedPriceChange(typicalMinor: Minor, lastMinor: Minor): SeriesPriceChange | null {
  return lastMinor !== typicalMinor ? { previousMinor: typicalMinor, currentMinor: lastMinor } : null;
}
