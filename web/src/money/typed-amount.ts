import { toMinor } from '@finsync/shared/money';

/**
 * A decimal amount typed by the user ('1,234.50', '-5'), in the currency's minor units with its sign; null when
 * it is not a decimal with at most the currency's decimals.
 */
export function typedDecimal(text: string, currency: string): number | null {
  try {
    return toMinor(text.trim().replace(/,/g, ''), currency);
  } catch {
    return null;
  }
}

/**
 * A decimal amount typed by the user ('1,234.50'), in the currency's minor units; null when it is not a
 * non-negative amount with at most the currency's decimals. Callers that need more than zero check for it.
 */
export function typedAmount(text: string, currency: string): number | null {
  const minor = typedDecimal(text, currency);
  return minor !== null && minor >= 0 ? minor : null;
}
