export * from './accounts.ts';
export * from './auth.ts';
export * from './categorization.ts';
export * from './common.ts';
export * from './items.ts';
export * from './reports.ts';
export * from './settings.ts';
export * from './transactions.ts';
