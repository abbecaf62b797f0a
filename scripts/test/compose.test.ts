import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No Docker engine runs here, so the compose file is checked by reading it as compose would.
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  profiles?: string[];
  ports?: string[];
  deploy?: { replicas?: number };
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('runs every part of finsync with its backing services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['api', 'emulator', 'postgres', 'redis', 'web', 'worker'].sort(),
    );
  });

  it('gives every service a healthcheck', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test?.length, name).toBeGreaterThan(0);
    }
  });

  it('runs Redis with maxmemory-policy noeviction, as BullMQ requires', () => {
    const command = compose.services.redis?.command ?? [];
    expect(command[command.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
  });

  it('builds each app from a Dockerfile that exists and starts that app', () => {
    for (const app of ['api', 'worker', 'web', 'emulator']) {
      const build = compose.services[app]?.build;
      expect(build, app).toBeDefined();
      expect(existsSync(build!.dockerfile), build!.dockerfile).toBe(true);
    }
    // The Node apps share one Dockerfile that copies and starts the app its APP build argument names.
    for (const app of ['api', 'worker', 'emulator']) {
      const build = compose.services[app]!.build!;
      expect(build.args?.APP, app).toBe(app);
      const dockerfile = readFileSync(build.dockerfile, 'utf8');
      expect(dockerfile).toMatch(/FROM node:24/);
      expect(dockerfile).toMatch(/^COPY \${APP} \${APP}$/m);
      expect(dockerfile).toContain('"$APP/src/main.ts"');
      expect(existsSync(`${app}/src/main.ts`), `${app}/src/main.ts`).toBe(true);
    }
  });

  it('starts the apps only after their stores are healthy', () => {
    for (const app of ['api', 'worker']) {
      const deps = compose.services[app]?.depends_on ?? {};
      expect(deps.postgres?.condition, app).toBe('service_healthy');
      expect(deps.redis?.condition, app).toBe('service_healthy');
    }
  });

  it('runs a fleet of two workers sharing the queues, with no host port for their replicas to clash on', () => {
    const worker = compose.services.worker!;
    expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(worker.ports ?? []).toEqual([]);
  });

  it('runs the apps in production mode against Postgres and Redis', () => {
    for (const app of ['api', 'worker']) {
      const env = compose.services[app]?.environment ?? {};
      expect(env.NODE_ENV, app).toBe('production');
      expect(env.DATABASE_URL, app).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(env.REDIS_URL, app).toMatch(/^redis:\/\/redis:6379/);
      expect(env.TOKEN_ENCRYPTION_KEYS, app).toMatch(/:\?/); // required, no default
    }
  });
});
