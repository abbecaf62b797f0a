export * from './goal-math.ts';
export * from './goal-service.ts';
