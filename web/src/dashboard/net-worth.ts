import { type Minor, sumMinor } from '@finsync/shared/money';
import type { Account } from '../api/contract-types.ts';

export interface NetWorth {
  currency: string;
  assetsMinor: Minor;
  liabilitiesMinor: Minor;
  netMinor: Minor;
}

/**
 * An account's balance as it counts in net worth: a card or loan (the API's `side`, from shared's one
 * liability rule) is a debt, shown negative and labelled; anything else is shown as it is.
 */
export function accountBalance(a: Pick<Account, 'side' | 'currentMinor'>): {
  minor: Minor | null;
  label: 'debt' | null;
} {
  const debt = a.side === 'liability';
  return {
    minor: a.currentMinor === null ? null : debt ? -a.currentMinor : a.currentMinor,
    label: debt ? 'debt' : null,
  };
}

/**
 * Net worth per currency from current balances: assets minus what is owed on cards and loans.
 * Currencies are never added together; hidden accounts and accounts without a balance are left out.
 */
export function netWorthByCurrency(accounts: readonly Account[], fallbackCurrency: string): NetWorth[] {
  const groups = new Map<string, { assets: Minor[]; liabilities: Minor[] }>();
  for (const a of accounts) {
    if (a.hidden || a.currentMinor === null) continue;
    const currency = a.currency ?? fallbackCurrency;
    const g = groups.get(currency) ?? { assets: [], liabilities: [] };
    (a.side === 'liability' ? g.liabilities : g.assets).push(a.currentMinor);
    groups.set(currency, g);
  }
  return [...groups].map(([currency, g]) => {
    const assetsMinor = sumMinor(g.assets);
    const liabilitiesMinor = sumMinor(g.liabilities);
    return { currency, assetsMinor, liabilitiesMinor, netMinor: assetsMinor - liabilitiesMinor };
  });
}
