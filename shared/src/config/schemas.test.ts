import { describe, expect, it } from 'vitest';
import { ConfigError, loadApiConfig, loadWorkerConfig } from './index.ts';

const prodBase = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://app:pw@db.example.internal:5432/finsync?sslmode=verify-full',
  REDIS_URL: 'rediss://:pw@cache.example.internal:6380',
  PLAID_ENV: 'sandbox',
  PLAID_CLIENT_ID: 'client',
  PLAID_SECRET: 'secret',
  JWT_SECRET: 'x'.repeat(40),
  REPORT_LINK_SECRET: 'r'.repeat(40),
  TOKEN_ENCRYPTION_KEYS: `k2026:${Buffer.alloc(32, 7).toString('base64')}`,
};

describe('app configuration', () => {
  it('starts in development on embedded defaults', () => {
    const cfg = loadApiConfig({});
    expect(cfg.PORT).toBe(3000);
    expect(cfg.DATABASE_URL).toBeUndefined();
    expect(cfg.PLAID_ENV).toBe('emulator');
  });

  it('names the malformed variable and what is expected', () => {
    const attempt = () => loadApiConfig({ PORT: 'eighty', REDIS_URL: 'not a url' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.map((p) => p.variable);
      expect(problems).toEqual(expect.arrayContaining(['PORT', 'REDIS_URL']));
      expect((error as Error).message).toMatch(/REDIS_URL: expected a URL/);
    }
  });

  it('refuses development secrets and embedded storage in production', () => {
    expect(() => loadApiConfig({ NODE_ENV: 'production' })).toThrow(
      /TOKEN_ENCRYPTION_KEYS[\s\S]*JWT_SECRET[\s\S]*DATABASE_URL[\s\S]*PLAID_ENV/,
    );
    expect(loadApiConfig(prodBase).NODE_ENV).toBe('production');
  });

  it('rejects encryption keys that are not 32 bytes', () => {
    expect(() => loadWorkerConfig({ TOKEN_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/TOKEN_ENCRYPTION_KEYS/);
  });

  it('rejects an active key id that is not configured', () => {
    expect(() => loadWorkerConfig({ ...prodBase, TOKEN_ENCRYPTION_ACTIVE_KID: 'nope' })).toThrow(
      /TOKEN_ENCRYPTION_ACTIVE_KID/,
    );
  });

  it('treats empty variables from .env files as unset', () => {
    expect(loadApiConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
