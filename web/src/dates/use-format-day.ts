import { useCallback, useMemo } from 'react';
import { useSession } from '../session/session-context.tsx';
import { formatDay } from './format-day.ts';
import { todayIn } from './period.ts';

/** Formats calendar dates in the signed-in user's locale ("Nov 16"), with the year when it is not this one. */
export function useFormatDay(): (iso: string) => string {
  const { user } = useSession();
  const locale = user?.locale || navigator.language;
  const today = useMemo(() => todayIn(user?.timezone ?? 'UTC', new Date()), [user?.timezone]);
  return useCallback((iso: string) => formatDay(iso, locale, today), [locale, today]);
}
