export { createEmptyTestDatabase, createTestDatabase, type TestDatabase } from './test-database.ts';
export { type TestEnvironment, testEnvironment } from './test-environment.ts';
