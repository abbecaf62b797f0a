export * from './budget-alerts.ts';
export * from './budget-math.ts';
export * from './budget-store.ts';
