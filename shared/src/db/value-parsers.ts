// Postgres type OIDs whose default JS mapping would lose meaning.
export const PG_INT8 = 20;
export const PG_DATE = 1082;

/** bigint minor units → number, refusing values a double cannot hold exactly. */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} exceeds the exact integer range`);
  return n;
}

/** `date` stays 'YYYY-MM-DD': a calendar day, never shifted by a time zone. */
export const parseDate = (value: string): string => value;
