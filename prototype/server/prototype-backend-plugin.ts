import { isAbsolute, resolve } from 'node:path';
import { tokenCipherFromConfig } from '@finsync/shared/crypto';
import { createPlaidClient } from '@finsync/shared/plaid';
import type { Plugin } from 'vite';
import { createProtoApi } from './create-proto-api.ts';
import type { PrototypeConfig } from './prototype-config.ts';
import { createPrototypeStore } from './prototype-store.ts';

/**
 * The prototype's tiny backend as a Vite plugin: /proto-api middleware inside the dev server, so one command
 * serves the page and keeps the Plaid secret on the server side.
 */
export function prototypeBackendPlugin(config: Readonly<PrototypeConfig>, repoRoot: string): Plugin {
  return {
    name: 'finsync-prototype-backend',
    configureServer(server) {
      const dir = isAbsolute(config.PROTOTYPE_DATA_DIR)
        ? config.PROTOTYPE_DATA_DIR
        : resolve(repoRoot, config.PROTOTYPE_DATA_DIR);
      server.middlewares.use(
        createProtoApi({
          plaid: createPlaidClient(config),
          cipher: tokenCipherFromConfig(config),
          store: createPrototypeStore(dir),
          timezone: config.PROTOTYPE_TIMEZONE,
          plaidEnv: config.PLAID_ENV,
        }),
      );
    },
  };
}
