export * from './budget-math.ts';
