import type { Minor } from '../money/minor-units.ts';

/** numerator / denominator as an integer, rounded half away from zero, computed exactly with BigInt. */
export function divideRounded(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('division by zero');
  let n = BigInt(numerator);
  let d = BigInt(denominator);
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return Number(negative ? -q : q);
}

/** part / whole in basis points (1 % = 100), rounded half away from zero; null when whole is 0. */
export function ratioBps(part: Minor, whole: Minor): number | null {
  if (whole === 0) return null;
  return divideRounded(Number(BigInt(part) * 10_000n), Math.abs(whole));
}

/** Change of `current` against `reference`, relative to |reference|. */
export function changeOf(current: Minor, reference: Minor): { deltaMinor: Minor; bps: number | null } {
  const deltaMinor = current - reference;
  return { deltaMinor, bps: ratioBps(deltaMinor, reference) };
}

/**
 * Shares of a total in basis points that add up to exactly 10000 (largest-remainder method).
 * Non-positive values get 0 and do not count towards the total.
 */
export function sharesBps(values: readonly Minor[]): number[] {
  const total = values.reduce((sum, v) => (v > 0 ? sum + BigInt(v) : sum), 0n);
  if (total === 0n) return values.map(() => 0);
  const floors: number[] = [];
  const remainders: { index: number; rest: bigint }[] = [];
  let assigned = 0;
  values.forEach((v, index) => {
    if (v <= 0) {
      floors.push(0);
      return;
    }
    const scaled = BigInt(v) * 10_000n;
    const floor = scaled / total;
    floors.push(Number(floor));
    assigned += Number(floor);
    remainders.push({ index, rest: scaled - floor * total });
  });
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (let i = 0; i < 10_000 - assigned; i++) floors[remainders[i]!.index]! += 1;
  return floors;
}
