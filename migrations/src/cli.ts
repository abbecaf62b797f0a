// `pnpm migrate latest | down | status` against DATABASE_URL, or the embedded PGlite folder when unset.
import { fileURLToPath } from 'node:url';
import { createDatabase, databaseTarget, loadDotEnv, loadWorkerConfig } from '@finsync/shared';
import { migrateDown, migrateToLatest, migrationStatus } from './migrator.ts';

loadDotEnv(fileURLToPath(new URL('../..', import.meta.url)));
const command = process.argv[2] ?? 'latest';
const config = loadWorkerConfig(process.env);
const target = databaseTarget(config);
const db = createDatabase(target);
const where = target.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.PGLITE_DIR}`;

try {
  switch (command) {
    case 'latest': {
      const ran = await migrateToLatest(db);
      console.log(ran.length ? `applied on ${where}:\n  ${ran.join('\n  ')}` : `${where} is up to date`);
      break;
    }
    case 'down': {
      const ran = await migrateDown(db);
      console.log(ran.length ? `reverted on ${where}: ${ran.join(', ')}` : 'nothing to revert');
      break;
    }
    case 'status':
      for (const m of await migrationStatus(db)) {
        console.log(
          `${m.executedAt ? 'applied ' : 'pending '} ${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}`,
        );
      }
      break;
    default:
      console.error('usage: pnpm migrate latest | down | status');
      process.exitCode = 2;
  }
} finally {
  await db.destroy();
}
