export interface BasisPointsFormat {
  /** 1: "12.3 %" (rounded half up); 2: "12.34 %" (exact). */
  decimals?: 1 | 2;
  /** 'exceptZero' prints + before a rise; a fall always has its minus sign. */
  signDisplay?: 'auto' | 'exceptZero';
}

/**
 * Basis points (1234 = 12.34 %) as a percentage by integer arithmetic, never through a float, with a true
 * minus sign (U+2212) so a wrapped line never splits it from its number.
 */
export function formatBasisPoints(bps: number, format: BasisPointsFormat = {}): string {
  const abs = Math.abs(bps);
  const text =
    format.decimals === 2
      ? `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
      : `${Math.floor(Math.floor((abs + 5) / 10) / 10)}.${Math.floor((abs + 5) / 10) % 10}`;
  const sign = bps < 0 ? '\u2212' : bps > 0 && format.signDisplay === 'exceptZero' ? '+' : '';
  return `${sign}${text} %`;
}
