import { fileURLToPath } from 'node:url';
import { loadDotEnv } from '@finsync/shared/config';
import { defineConfig } from 'vite';
import { prototypeBackendPlugin } from './server/prototype-backend-plugin.ts';
import { loadPrototypeConfig } from './server/prototype-config.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
loadDotEnv(repoRoot);
const config = loadPrototypeConfig(process.env);

export default defineConfig({
  plugins: [prototypeBackendPlugin(config, repoRoot)],
  server: { host: '127.0.0.1', port: config.PROTOTYPE_PORT, strictPort: true },
  preview: { port: config.PROTOTYPE_PORT },
  clearScreen: false,
});
