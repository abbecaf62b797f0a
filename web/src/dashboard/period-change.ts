import type { Minor } from '@finsync/shared/money';

export interface PeriodChange {
  deltaMinor: Minor;
  /** Whole percent, or null when the previous period was zero (no meaningful ratio). */
  percent: number | null;
}

/** Change from the previous period to this one, in minor units and whole percent. */
export function periodChange(currentMinor: Minor, previousMinor: Minor): PeriodChange {
  const deltaMinor = currentMinor - previousMinor;
  const percent = previousMinor === 0 ? null : Math.round((deltaMinor * 100) / Math.abs(previousMinor));
  return { deltaMinor, percent };
}
