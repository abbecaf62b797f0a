import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pfcDetailed, pfcPrimaries, pfcV1ToV2 } from './pfc-taxonomy.ts';

// Plaid's published taxonomy (the emulator serves it): PFCv2 primary and detailed code per row, then v1's.
const plaidRows = readFileSync(new URL('../../../emulator/data/pfc-taxonomy-v2.csv', import.meta.url), 'utf8')
  .split('\n')
  .slice(2)
  .filter((line) => line.trim() !== '')
  .map((line) => line.split(','));

describe('the PFC taxonomy finsync seeds its categories from', () => {
  it("has Plaid's v2 detailed codes, under their primaries, in Plaid's order", () => {
    expect(pfcDetailed.map((d) => [d.primary, d.code])).toEqual(plaidRows.map(([p, d]) => [p, d]));
    expect(pfcPrimaries.map((p) => p.code)).toEqual([...new Set(plaidRows.map(([p]) => p))]);
  });

  it('names every code and maps every renamed v1 code to a v2 one', () => {
    for (const c of [...pfcPrimaries, ...pfcDetailed]) expect(c.name, c.code).toMatch(/^[A-Z]/);
    const codes = new Set(pfcDetailed.map((d) => d.code));
    for (const v2 of Object.values(pfcV1ToV2)) expect(codes).toContain(v2);
  });

  it('counts a credit card payment as a transfer and the other loan payments as spending', () => {
    const kinds = pfcDetailed.filter((d) => d.primary === 'LOAN_PAYMENTS').map((d) => [d.code, d.kind]);
    expect(kinds).toContainEqual(['LOAN_PAYMENTS_CREDIT_CARD_PAYMENT', 'transfer']);
    expect(kinds).toContainEqual(['LOAN_PAYMENTS_CAR_PAYMENT', 'expense']);
  });
});
