import { buildApp } from './server/build-app.ts';
import { type EmulatorSettings, EmulatorState } from './state/emulator-state.ts';
import { readStateFile, StateFileWriter } from './state/state-file.ts';

export interface EmulatorOptions {
  host?: string;
  /** 0 = a random free port. */
  port?: number;
  seed?: number;
  clientId?: string;
  secret?: string;
  logger?: boolean;
  /** Simulated "today" (YYYY-MM-DD) for generated histories; default the real UTC date. */
  today?: string;
  /** For items linked through Link or /sandbox/public_token/create: delay until the last 30 days are ready. */
  initialDelayMs?: number;
  /** …and then until the full history is ready. */
  historicalDelayMs?: number;
  /**
   * Keeps items, tokens, Link sessions, advances and mail in this JSON file across restarts: loaded
   * on start (its seed wins over `seed`), saved after every change. Unset = in memory only.
   */
  stateFile?: string;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  close(): Promise<void>;
}

export const EMULATOR_DEFAULTS = {
  host: '127.0.0.1',
  port: 4010,
  seed: 42,
  clientId: 'finsync-emulator-client',
  secret: 'finsync-emulator-secret',
  initialDelayMs: 250,
  historicalDelayMs: 750,
} as const;

/** Starts the offline Plaid emulator (and SendGrid sink) and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings: EmulatorSettings = {
    seed: options.seed ?? EMULATOR_DEFAULTS.seed,
    clientId: options.clientId ?? EMULATOR_DEFAULTS.clientId,
    secret: options.secret ?? EMULATOR_DEFAULTS.secret,
    ...(options.today ? { today: options.today } : {}),
    initialDelayMs: options.initialDelayMs ?? EMULATOR_DEFAULTS.initialDelayMs,
    historicalDelayMs: options.historicalDelayMs ?? EMULATOR_DEFAULTS.historicalDelayMs,
  };
  const saved = options.stateFile ? readStateFile(options.stateFile) : null;
  const state = saved ? EmulatorState.restore(settings, saved) : new EmulatorState(settings);
  const app = buildApp(state, { logger: options.logger ?? false });
  const writer = options.stateFile ? new StateFileWriter(options.stateFile, () => state.snapshot()) : null;
  if (writer) {
    writer.flush();
    state.onScheduledChange = () => writer.schedule();
    app.addHook('onResponse', async () => writer.schedule());
  }
  const host = options.host ?? EMULATOR_DEFAULTS.host;
  await app.listen({ host, port: options.port ?? EMULATOR_DEFAULTS.port });
  const address = app.server.address();
  const port =
    typeof address === 'object' && address ? address.port : (options.port ?? EMULATOR_DEFAULTS.port);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    close: () => {
      closing ??= (async () => {
        await state.close();
        await app.close();
        writer?.flush();
      })();
      return closing;
    },
  };
}
