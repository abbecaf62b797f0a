/** Basis points as a percentage with two decimals (1234 → "12.34 %"), by integer arithmetic. */
export function formatShare(bps: number): string {
  return `${Math.trunc(bps / 100)}.${String(Math.abs(bps % 100)).padStart(2, '0')} %`;
}
