import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * In development, loads `.env` from the repository root into process.env (variables already set win).
 * The only place besides app entry points that touches process.env.
 */
export function loadDotEnv(root: string, nodeEnv = process.env.NODE_ENV): void {
  if (nodeEnv === 'production' || nodeEnv === 'test') return;
  const file = resolve(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
