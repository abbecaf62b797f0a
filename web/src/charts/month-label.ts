/** A chart's month label ("Mar 26" in en-US) for a month given as YYYY-MM or as a date in it. */
export function monthLabel(month: string, locale: string | undefined): string {
  return new Date(`${month.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString(locale, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
}
