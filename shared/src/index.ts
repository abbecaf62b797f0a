export * from './config/index.ts';
export * from './db/index.ts';
export * from './errors/domain-error.ts';
export * from './money/index.ts';
export * from './queue/index.ts';
