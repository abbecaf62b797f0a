import { describe, expect, it } from 'vitest';
import { moneyDataset } from '../src/charts/money-dataset.ts';

describe('moneyDataset', () => {
  it("places each item's amount in major units of its currency, line and fill in one colour", () => {
    const months = [{ spentMinor: 12_345 }, { spentMinor: -50 }];
    expect(moneyDataset('Spent', months, (m) => m.spentMinor, 'USD', '#0b6b57')).toEqual({
      label: 'Spent',
      data: [123.45, -0.5],
      borderColor: '#0b6b57',
      backgroundColor: '#0b6b57',
    });
    expect(moneyDataset('Spent', months, (m) => m.spentMinor, 'JPY', undefined).data).toEqual([12_345, -50]);
  });
});
