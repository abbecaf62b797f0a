import { describe, expect, it } from 'vitest';
import { pairTransfers, type TransferCandidate, transferPairKey } from './pair-transfers.ts';

const t = (
  id: string,
  accountId: string,
  amountMinor: number,
  date: string,
  rawName = 'x',
): TransferCandidate => ({
  id,
  accountId,
  amountMinor,
  currency: 'USD',
  date,
  rawName,
});

describe('pairTransfers', () => {
  it('pairs opposite amounts between two of the user’s accounts within three days', () => {
    const pairs = pairTransfers([
      t('out', 'checking', 50_000, '2026-03-01', 'ONLINE TRANSFER TO SAVINGS'),
      t('in', 'savings', -50_000, '2026-03-02', 'TRANSFER FROM CHECKING'),
      t('far', 'savings', -50_000, '2026-03-09'),
      t('same-account', 'checking', -50_000, '2026-03-01'),
    ]);
    expect(pairs).toEqual([{ outflowId: 'out', inflowId: 'in', days: 1, evidence: 'wording' }]);
  });

  it('pairs a card payment with the card’s inflow, preferring the closest date', () => {
    const pairs = pairTransfers([
      { ...t('pay', 'checking', 12_345, '2026-03-10'), pfcDetailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT' },
      t('card-late', 'card', -12_345, '2026-03-12'),
      t('card', 'card', -12_345, '2026-03-11'),
    ]);
    expect(pairs).toEqual([{ outflowId: 'pay', inflowId: 'card', days: 1, evidence: 'plaid' }]);
  });

  it('never proposes a pair the user rejected', () => {
    const txns = [t('a', 'checking', 100, '2026-03-01'), t('b', 'savings', -100, '2026-03-01')];
    expect(pairTransfers(txns, new Set([transferPairKey('b', 'a')]))).toEqual([]);
  });

  it('uses each transaction in at most one pair', () => {
    const pairs = pairTransfers([
      t('o1', 'checking', 100, '2026-03-01'),
      t('o2', 'checking', 100, '2026-03-01'),
      t('i1', 'savings', -100, '2026-03-01'),
    ]);
    expect(pairs).toHaveLength(1);
  });
});

describe('pairTransfers evidence', () => {
  it('takes a loan payment to a linked loan as Plaid evidence', () => {
    const pairs = pairTransfers([
      { ...t('pay', 'checking', 32_014, '2026-03-15', 'NAVIENT ED LOAN PMT'), pfcPrimary: 'LOAN_PAYMENTS' },
      t('loan', 'student-loan', -32_014, '2026-03-15', 'PAYMENT - THANK YOU'),
    ]);
    expect(pairs).toEqual([{ outflowId: 'pay', inflowId: 'loan', days: 0, evidence: 'plaid' }]);
  });
});
