import { execFileSync } from 'node:child_process';
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
});
