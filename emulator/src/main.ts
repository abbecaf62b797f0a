// `pnpm emulator`: the offline Plaid emulator and SendGrid sink on EMULATOR_HOST:EMULATOR_PORT.
import { loadEmulatorConfig } from '@finsync/shared/config';
import { startEmulator } from './index.ts';

const config = loadEmulatorConfig(process.env);
const emulator = await startEmulator({
  host: config.EMULATOR_HOST,
  port: config.EMULATOR_PORT,
  seed: config.EMULATOR_SEED,
  clientId: config.EMULATOR_CLIENT_ID,
  secret: config.EMULATOR_SECRET,
  ...(config.EMULATOR_STATE_FILE ? { stateFile: config.EMULATOR_STATE_FILE } : {}),
  logger: process.env.EMULATOR_LOG === 'true',
});
console.log(
  `finsync Plaid emulator listening on ${emulator.url} (seed ${config.EMULATOR_SEED}${
    config.EMULATOR_STATE_FILE ? `, state in ${config.EMULATOR_STATE_FILE}` : ''
  })`,
);
console.log(`  SendGrid sink: ${emulator.url}/v3/mail/send — inbox ${emulator.url}/emulator/mail.html`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping emulator`);
  emulator.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
