import { describe, expect, it } from 'vitest';
import { storedPriceChange } from './price-change.ts';

describe('storedPriceChange', () => {
  it('flags a last payment that moved off the typical amount, either way', () => {
    expect(storedPriceChange(15_49, 17_99)).toEqual({ previousMinor: 15_49, currentMinor: 17_99 });
    expect(storedPriceChange(17_99, 15_49)).toEqual({ previousMinor: 17_99, currentMinor: 15_49 });
    expect(storedPriceChange(15_49, 15_49)).toBeNull();
  });
});
