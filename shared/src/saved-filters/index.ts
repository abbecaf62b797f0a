export * from './saved-filter-service.ts';
