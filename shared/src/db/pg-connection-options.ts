import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

export type PgSsl = false | ConnectionOptions;

/**
 * Turns a DATABASE_URL with libpq-style `sslmode` / `sslrootcert` into node-postgres options, so managed
 * databases work as users deploy them: `require` encrypts without verifying (libpq semantics);
 * `verify-ca` / `verify-full` verify against the CA from `sslrootcert` or DATABASE_CA_CERT.
 */
export function pgConnectionOptions(
  databaseUrl: string,
  caCertPath?: string,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): { connectionString: string; ssl: PgSsl } {
  const url = new URL(databaseUrl);
  const mode = url.searchParams.get('sslmode') ?? (caCertPath ? 'verify-full' : 'disable');
  const rootCert = url.searchParams.get('sslrootcert') ?? caCertPath;
  for (const p of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'uselibpqcompat'])
    url.searchParams.delete(p);
  const connectionString = url.toString();
  switch (mode) {
    case 'disable':
      return { connectionString, ssl: false };
    case 'allow':
    case 'prefer':
    case 'require':
      return { connectionString, ssl: { rejectUnauthorized: false } };
    case 'verify-ca':
    case 'verify-full': {
      const ca = rootCert ? readFile(rootCert) : undefined;
      return {
        connectionString,
        ssl: {
          rejectUnauthorized: true,
          ...(ca ? { ca } : {}),
          // verify-ca checks the chain but not the host name, as libpq does.
          ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
        },
      };
    }
    default:
      throw new Error(
        `DATABASE_URL: unsupported sslmode "${mode}" (expected disable, require, verify-ca or verify-full)`,
      );
  }
}
