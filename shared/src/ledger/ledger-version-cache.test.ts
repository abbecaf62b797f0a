import { describe, expect, it } from 'vitest';
import { createLedgerVersionCache } from './ledger-version-cache.ts';

function listeningCache(maxAgeMs = 5_000) {
  let now = 0;
  const cache = createLedgerVersionCache({ now: () => now, maxAgeMs, maxUsers: 2 });
  cache.resume();
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('the in-memory ledger versions', () => {
  it('remember a version read from the database until the user’s ledger changes', () => {
    const { cache } = listeningCache();
    cache.remember('u', cache.ticket(), 7);
    expect(cache.version('u')).toBe(7);
    expect(cache.version('v')).toBeUndefined();
    cache.changed('v');
    expect(cache.version('u')).toBe(7);
    cache.changed('u');
    expect(cache.version('u')).toBeUndefined();
  });

  it('refuse a version read while a change of that user was heard (the read may predate it)', () => {
    const { cache } = listeningCache();
    const ticket = cache.ticket();
    cache.changed('u');
    cache.remember('u', ticket, 7);
    expect(cache.version('u')).toBeUndefined();
    // Another user's change does not matter, and a read begun after the change is kept.
    const other = cache.ticket();
    cache.changed('v');
    cache.remember('u', other, 8);
    expect(cache.version('u')).toBe(8);
  });

  it('keep nothing while not listening, nor what was read before listening began', () => {
    const cache = createLedgerVersionCache({ now: () => 0 });
    const early = cache.ticket();
    cache.remember('u', early, 1);
    expect(cache.version('u')).toBeUndefined();
    cache.resume();
    cache.remember('u', early, 1);
    expect(cache.version('u')).toBeUndefined();
    cache.remember('u', cache.ticket(), 2);
    expect(cache.version('u')).toBe(2);
    const during = cache.ticket();
    cache.suspend();
    expect(cache.version('u')).toBeUndefined();
    cache.resume();
    cache.remember('u', during, 3);
    expect(cache.version('u')).toBeUndefined();
  });

  it('forget a version after maxAgeMs, and the least recently stored user beyond maxUsers', () => {
    const { cache, advance } = listeningCache(1_000);
    cache.remember('a', cache.ticket(), 1);
    advance(999);
    expect(cache.version('a')).toBe(1);
    advance(1);
    expect(cache.version('a')).toBeUndefined();
    for (const user of ['a', 'b', 'c']) cache.remember(user, cache.ticket(), 1);
    expect(['a', 'b', 'c'].map((u) => cache.version(u))).toEqual([undefined, 1, 1]);
  });

  it('compute a memo once per version and key, again after a change or a failure', async () => {
    const { cache } = listeningCache();
    let runs = 0;
    const compute = async () => ++runs;
    cache.remember('u', cache.ticket(), 1);
    expect(await Promise.all([cache.memo('u', 1, 'k', compute), cache.memo('u', 1, 'k', compute)])).toEqual([
      1, 1,
    ]);
    expect(await cache.memo('u', 1, 'other', compute)).toBe(2);
    // Not the remembered version: computed, not kept.
    expect(await cache.memo('u', 2, 'k', compute)).toBe(3);
    expect(await cache.memo('u', 1, 'k', compute)).toBe(1);
    cache.changed('u');
    cache.remember('u', cache.ticket(), 2);
    expect(await cache.memo('u', 2, 'k', compute)).toBe(4);
    const failing = () => Promise.reject(new Error('database gone'));
    await expect(cache.memo('u', 2, 'f', failing)).rejects.toThrow('database gone');
    expect(await cache.memo('u', 2, 'f', compute)).toBe(5);
  });
});
