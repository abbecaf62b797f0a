export * from './net-worth-history.ts';
export * from './reconstruct-balances.ts';
