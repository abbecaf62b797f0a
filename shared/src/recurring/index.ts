export * from './bank-cross-check.ts';
export * from './manual-bill-state.ts';
export * from './manual-bills.ts';
export * from './price-change.ts';
export * from './recurring-view.ts';
export * from './upcoming-bills.ts';
