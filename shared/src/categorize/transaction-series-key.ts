import { cleanPayee } from './clean-payee.ts';
import { recurringSeriesKey } from './detect-recurring.ts';

/** The columns of a stored transaction its series key is computed from (the trigger of migration 0915 watches them). */
export interface SeriesKeyColumns {
  payee: string | null;
  raw_name: string;
  merchant_name: string | null;
  amount_minor: number;
  currency: string | null;
}

/** SeriesKeyColumns' names, to select them (as `t.…`: the readers alias transactions as t). */
export const seriesKeyColumns = [
  't.payee',
  't.raw_name',
  't.merchant_name',
  't.amount_minor',
  't.currency',
] as const satisfies readonly `t.${keyof SeriesKeyColumns}`[];

/**
 * recurringSeriesKey of a stored transaction: the key its `series_key` column holds. Cleaning a payee is the
 * costly part (thousands of rows, a few thousand payees), so each distinct payee text, direction and currency
 * is keyed once per process: the key is a pure function of those, the same for every user, so the next batch
 * (another report, the next sync's rows, another user at the same merchants) finds most of its payees keyed.
 * The memo is nested maps over the row's own strings (a joined memo key built and hashed per row cost more
 * than the look-up saved), and is emptied when it holds SERIES_KEY_MEMO_LIMIT texts, which bounds it to a few
 * tens of megabytes.
 */
export function transactionSeriesKey(t: SeriesKeyColumns): string {
  if (seriesKeyMemo.size >= SERIES_KEY_MEMO_LIMIT) {
    seriesKeyMemo.byPayee.clear();
    seriesKeyMemo.byRaw.clear();
    seriesKeyMemo.size = 0;
  }
  const currency = t.currency ?? '';
  const keys =
    t.payee !== null
      ? entry(entry(seriesKeyMemo.byPayee, currency, newMap<SeriesKeys>), t.payee, newSeriesKeys)
      : entry(
          entry(
            entry(seriesKeyMemo.byRaw, currency, newMap<Map<string, SeriesKeys>>),
            t.merchant_name ?? '',
            newMap<SeriesKeys>,
          ),
          t.raw_name,
          newSeriesKeys,
        );
  const direction = t.amount_minor > 0 ? 'out' : 'in';
  let key = keys[direction];
  if (key === undefined) {
    key = recurringSeriesKey({
      payee: t.payee ?? cleanPayee(t.raw_name, t.merchant_name),
      amountMinor: t.amount_minor,
      currency: t.currency,
    });
    keys[direction] = key;
  }
  return key;
}

const SERIES_KEY_MEMO_LIMIT = 100_000;
type SeriesKeys = { out?: string; in?: string };
const seriesKeyMemo = {
  byPayee: new Map<string, Map<string, SeriesKeys>>(),
  byRaw: new Map<string, Map<string, Map<string, SeriesKeys>>>(),
  size: 0,
};

function entry<V>(map: Map<string, V>, key: string, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}
const newMap = <V>() => new Map<string, V>();
const newSeriesKeys = (): SeriesKeys => {
  seriesKeyMemo.size++;
  return {};
};
