// ISO 4217 minor-unit exponents that differ from the usual 2.
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** Number of minor-unit digits for an ISO currency (2 when unknown, e.g. Plaid's unofficial codes). */
export function currencyExponent(currency: string | null | undefined): number {
  return (currency ? EXPONENTS[currency.toUpperCase()] : undefined) ?? 2;
}
