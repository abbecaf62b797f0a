import { describe, expect, it } from 'vitest';
import { categoryExplanation } from '../src/transactions/category-explanation.ts';
import { emptyFilters, filtersFromParams, filtersToQuery } from '../src/transactions/transaction-filters.ts';

describe('transaction filters', () => {
  it('sends exact minor units and only the filters that are set', () => {
    const { query, error } = filtersToQuery(
      {
        ...emptyFilters,
        q: ' coffee ',
        amountMin: '12.5',
        amountMax: '100',
        pending: 'false',
        categoryId: 'none',
      },
      'USD',
    );
    expect(error).toBeNull();
    expect(query).toEqual({
      q: 'coffee',
      amountMinMinor: 1250,
      amountMaxMinor: 10000,
      pending: false,
      categoryId: 'none',
    });
  });

  it('uses the currency’s own number of decimals', () => {
    expect(filtersToQuery({ ...emptyFilters, amountMin: '500' }, 'JPY').query.amountMinMinor).toBe(500);
  });

  it('explains an amount that is not money instead of guessing', () => {
    expect(filtersToQuery({ ...emptyFilters, amountMin: '12,50' }, 'USD').error).toMatch(
      /numbers like 12.50/,
    );
    expect(filtersToQuery({ ...emptyFilters, amountMin: '1.005' }, 'USD').error).toMatch(/numbers like/);
  });

  it('refuses a start date after the end date, as the API does', () => {
    expect(filtersToQuery({ ...emptyFilters, from: '2026-02-01', to: '2026-01-01' }, 'USD').error).toMatch(
      /start date/,
    );
  });

  it('round-trips through the address bar', () => {
    const params = new URLSearchParams({ q: 'rent', from: '2026-01-01', view: 'review' });
    expect(filtersFromParams(params)).toEqual({ ...emptyFilters, q: 'rent', from: '2026-01-01' });
  });
});

describe('why this category', () => {
  it.each([
    ['user', /You chose/],
    ['rule', /rules matched/],
    ['learned', /Learned/],
    ['none', /pick one/],
  ] as const)('source %s is explained', (categorySource, expected) => {
    expect(categoryExplanation({ categorySource, pfcPrimary: null, pfcDetailed: null })).toMatch(expected);
  });

  it("names Plaid's detailed category in words", () => {
    expect(
      categoryExplanation({
        categorySource: 'plaid',
        pfcPrimary: 'FOOD_AND_DRINK',
        pfcDetailed: 'FOOD_AND_DRINK_COFFEE',
      }),
    ).toBe("Plaid's category for it (food and drink coffee).");
  });
});
