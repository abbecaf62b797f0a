import { type Env, parseEnv } from './parse-env.ts';
import {
  type ApiConfig,
  apiConfigSchema,
  type EmulatorConfig,
  emulatorEnv,
  type WorkerConfig,
  workerConfigSchema,
} from './schemas.ts';

export { loadDotEnv } from './load-dotenv.ts';
export { ConfigError, type Env, parseEnv } from './parse-env.ts';
export * from './schemas.ts';

export const loadApiConfig = (env: Env): Readonly<ApiConfig> => parseEnv(apiConfigSchema, env);
export const loadWorkerConfig = (env: Env): Readonly<WorkerConfig> => parseEnv(workerConfigSchema, env);
export const loadEmulatorConfig = (env: Env): Readonly<EmulatorConfig> => parseEnv(emulatorEnv, env);
