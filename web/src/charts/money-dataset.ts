import type { Minor } from '@finsync/shared/money';
import { chartValue } from './chart-value.ts';

/**
 * A chart.js dataset of amounts of money, one point per item, drawn in one colour (line and fill alike):
 * the items' amounts placed in major units of the currency.
 */
export function moneyDataset<T>(
  label: string,
  items: readonly T[],
  minorOf: (item: T) => Minor,
  currency: string | null | undefined,
  color: string | undefined,
) {
  return {
    label,
    data: items.map((item) => chartValue(minorOf(item), currency)),
    borderColor: color,
    backgroundColor: color,
  };
}
