import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const tracked = () =>
  execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);

describe('the repository', () => {
  it('names no package registry host in any tracked file, lockfile included', () => {
    const pattern = ['registry', '(npmjs|yarnpkg)', '(org|com)'].join('\\.');
    let hits = '';
    try {
      hits = execFileSync('git', ['grep', '-nIE', pattern, '--', '.'], { encoding: 'utf8' });
    } catch {
      hits = ''; // git grep exits 1 when nothing matches
    }
    expect(hits).toBe('');
  });

  it('records no download URLs in the lockfile', () => {
    const lock = execFileSync('git', ['show', 'HEAD:pnpm-lock.yaml'], { encoding: 'utf8' });
    expect(lock).not.toMatch(/tarball:|resolved:\s*https?:/);
  });

  it('keeps secrets and local data out of git', () => {
    const files = tracked();
    expect(files).not.toContain('.env');
    expect(files.filter((f) => f.startsWith('.data/') || f.startsWith('.toolchain/'))).toEqual([]);
  });

  it('has no cycle among its workspace packages (pnpm warns about one on every run)', () => {
    const manifests = tracked().filter((f) => /^[^/]+\/package\.json$/.test(f));
    const deps = new Map<string, string[]>();
    for (const file of manifests) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      const all = { ...pkg.dependencies, ...pkg.devDependencies };
      deps.set(
        pkg.name,
        Object.keys(all).filter((d) => all[d]?.startsWith('workspace:')),
      );
    }
    const cycles: string[] = [];
    const visit = (name: string, path: string[]) => {
      if (path.includes(name)) {
        cycles.push([...path.slice(path.indexOf(name)), name].join(' -> '));
        return;
      }
      for (const next of deps.get(name) ?? []) visit(next, [...path, name]);
    };
    for (const name of deps.keys()) visit(name, []);
    expect(cycles).toEqual([]);
  });

  it('keeps the API independent of the worker: no dependency, no import, no worker code in its image', () => {
    const api = JSON.parse(readFileSync('api/package.json', 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    expect(Object.keys({ ...api.dependencies, ...api.devDependencies })).not.toContain('@finsync/worker');
    const importsWorker = tracked().filter(
      (f) =>
        f.startsWith('api/') &&
        f.endsWith('.ts') &&
        /from '(@finsync\/worker|(\.\.\/)+worker\/)/.test(readFileSync(f, 'utf8')),
    );
    expect(importsWorker).toEqual([]);
    // One Dockerfile builds each Node service and copies only the folder of the one it builds (APP=api here).
    const dockerfile = readFileSync('node-app.Dockerfile', 'utf8');
    expect(dockerfile).toMatch(/^COPY \$\{APP\} \$\{APP\}$/m);
    expect(dockerfile).not.toMatch(/^COPY (api|worker|emulator) /m);
    expect(readFileSync('docker-compose.yml', 'utf8')).toContain(
      'build: { context: ., dockerfile: node-app.Dockerfile, args: { APP: api } }',
    );
  });
});
