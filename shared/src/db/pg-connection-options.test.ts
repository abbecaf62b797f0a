import { describe, expect, it } from 'vitest';
import { pgConnectionOptions } from './pg-connection-options.ts';

const read = (path: string) => `PEM(${path})`;

describe('pgConnectionOptions', () => {
  it('uses no TLS for a local URL without sslmode', () => {
    expect(pgConnectionOptions('postgres://u@127.0.0.1/db', undefined, read).ssl).toBe(false);
  });
  it('encrypts without verifying for sslmode=require, as libpq does', () => {
    const o = pgConnectionOptions('postgres://u:p@db.host/db?sslmode=require', undefined, read);
    expect(o.ssl).toEqual({ rejectUnauthorized: false });
    expect(o.connectionString).not.toContain('sslmode');
  });
  it('verifies against the configured CA for verify-full', () => {
    const o = pgConnectionOptions('postgres://u:p@db.host/db?sslmode=verify-full', '/etc/ca.pem', read);
    expect(o.ssl).toMatchObject({ rejectUnauthorized: true, ca: 'PEM(/etc/ca.pem)' });
  });
  it('takes the CA from sslrootcert in the URL', () => {
    const o = pgConnectionOptions('postgres://u@h/db?sslmode=verify-ca&sslrootcert=/x.pem', undefined, read);
    expect(o.ssl).toMatchObject({ ca: 'PEM(/x.pem)' });
  });
  it('rejects an unknown sslmode by name', () => {
    expect(() => pgConnectionOptions('postgres://u@h/db?sslmode=always', undefined, read)).toThrow(
      /sslmode "always"/,
    );
  });
});
