export { migrateDown, migrateDownAll, migrateToLatest, migrationNames, migrationStatus } from './migrator.ts';
