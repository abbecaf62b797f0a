// Calendar-day arithmetic on YYYY-MM-DD strings, as midnight UTC so no time zone or daylight saving shifts a day.

export function parseDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

export function dayString(d: Date): string {
  return d.toISOString().slice(0, 10);
}
