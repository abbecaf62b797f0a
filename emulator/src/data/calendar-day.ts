/** Days as integers since 1970-01-01 (UTC), so date arithmetic is exact and cheap. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export function dayFromIso(iso: string): Day {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export function dayFromDate(date: Date): Day {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

const isoCache = new Map<Day, string>();

export function isoFromDay(day: Day): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, iso);
  }
  return iso;
}

export function dayOfMonth(day: Day): number {
  return new Date(day * MS_PER_DAY).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return (day + 4) % 7;
}

/** Months since 1970-01, to count monthly cycles. */
export function monthIndex(day: Day): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function isLastDayOfMonth(day: Day): boolean {
  return dayOfMonth(day + 1) === 1;
}
