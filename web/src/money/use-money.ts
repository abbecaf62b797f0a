import type { Minor } from '@finsync/shared/money';
import { formatMoney, type MoneyFormatOptions } from '@finsync/shared/presentation';
import { useCallback } from 'react';
import { useSession } from '../session/session-context.tsx';

/** Formats minor units in the signed-in user's locale, in the given currency or the user's own. */
export function useMoney(): (minor: Minor, currency?: string | null, options?: MoneyFormatOptions) => string {
  const { user } = useSession();
  const locale = user?.locale || navigator.language;
  const fallback = user?.currency ?? 'USD';
  return useCallback(
    (minor, currency, options) => formatMoney(minor, currency ?? fallback, locale, options),
    [locale, fallback],
  );
}
