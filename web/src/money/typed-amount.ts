import { toMinor } from '@finsync/shared/money';

/**
 * A decimal amount typed by the user ('1,234.50'), in the currency's minor units; null when it is not a
 * non-negative amount with at most the currency's decimals. Callers that need more than zero check for it.
 */
export function typedAmount(text: string, currency: string): number | null {
  try {
    const minor = toMinor(text.trim().replace(/,/g, ''), currency);
    return minor >= 0 ? minor : null;
  } catch {
    return null;
  }
}
