// Re-encrypts every Plaid access token under the active key (TOKEN_ENCRYPTION_ACTIVE_KID, else the last key
// in TOKEN_ENCRYPTION_KEYS). Rotation: add the new key to TOKEN_ENCRYPTION_KEYS, make it active, deploy,
// run `node scripts/rotate-token-keys.ts`, then remove the old key. Safe to run twice.

import { rotateTokenKeys, tokenCipherFromConfig } from '../shared/src/crypto/index.ts';
import { createDatabase, databaseTarget, loadDotEnv, loadWorkerConfig } from '../shared/src/index.ts';

loadDotEnv(new URL('..', import.meta.url).pathname);
const config = loadWorkerConfig(process.env);
const db = createDatabase(databaseTarget(config));
try {
  const cipher = tokenCipherFromConfig(config);
  const result = await rotateTokenKeys(db, cipher);
  console.log(
    `rotated ${result.rotated} token(s) to key "${cipher.activeKid}"; ${result.alreadyCurrent} already on it`,
  );
} finally {
  await db.destroy();
}
