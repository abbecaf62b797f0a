export * from './budget-math.ts';
export * from './budget-store.ts';
