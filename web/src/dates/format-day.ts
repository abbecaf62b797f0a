import { formatDate, formatDayMonth } from '@finsync/shared/presentation';

/** A calendar date as people write it: "Nov 16" this year, "Dec 30, 2025" in another. */
export function formatDay(iso: string, locale: string | undefined, today: string): string {
  return iso.slice(0, 4) === today.slice(0, 4) ? formatDayMonth(iso, locale) : formatDate(iso, locale);
}
