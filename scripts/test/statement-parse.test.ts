import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXTURES = 'shared/src/statements/fixtures';

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/statement-parse.ts', ...args], { encoding: 'utf8' });
  const lines = result.stdout.trim()
    ? result.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
  return { status: result.status, lines, stderr: result.stderr };
}

describe('pnpm statement:parse', () => {
  it('prints one JSON object per transaction in Plaid sign, then the summary line', () => {
    const { status, lines } = run(`${FIXTURES}/ofx-credit-card-negative-charges.qfx`);
    expect(status).toBe(0);
    expect(lines[0]).toEqual({
      date: '2026-10-02',
      amount: '45.67',
      currency: 'USD',
      payee: 'WHOLE FOODS #123',
      memo: null,
      fitid: 'C1',
      account: '4111111111111111',
    });
    expect(lines.at(-1)).toEqual({
      rows: 4,
      format: 'ofx',
      accounts: [{ key: '4111111111111111', type: 'credit card', currency: 'USD' }],
    });
    expect(lines).toHaveLength(5);
  });

  it('detects the format from content whatever the name, and honours --format and --date-format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'statement-parse-'));
    const misnamed = join(dir, 'statement.csv');
    writeFileSync(misnamed, '!Type:Bank\nD03/04/2026\nT-10.00\nPFirst\n^\n');
    expect(run(misnamed).lines.map((l) => l.date ?? l.format)).toEqual(['2026-03-04', 'qif']);
    expect(run(misnamed, '--date-format', 'DD/MM/YYYY').lines[0].date).toBe('2026-04-03');
    const forced = run(misnamed, '--format', 'csv');
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/no header row with a date column/);
  });

  it('prints QIF splits and CAMT batch rows', () => {
    expect(run(`${FIXTURES}/qif-splits.qif`).lines[0].splits).toEqual([
      { category: 'Groceries', memo: 'Food', amount: '100.00' },
      { category: 'Household', memo: null, amount: '20.00' },
    ]);
    const camt = run(`${FIXTURES}/camt053.xml`).lines;
    expect(camt.at(-1)).toMatchObject({ rows: 6, format: 'camt', skipped: 1 });
  });

  it.each([
    ['truncated.ofx', /line 16, element OFX\/.*\/STMTTRN: file ends inside <STMTTRN>/],
    ['billion-laughs.ofx', /line 2: <!DOCTYPE> declarations are refused/],
    ['xxe.camt.xml', /line 2: <!DOCTYPE> declarations are refused/],
    ['garbage.bin', /binary content/],
    ['csv-missing-amount.csv', /field "amount": no amount column/],
  ])('exits 2 on %s, saying where and why, printing no rows', (name, message) => {
    const { status, lines, stderr } = run(`${FIXTURES}/${name}`);
    expect(status).toBe(2);
    expect(lines).toEqual([]);
    expect(stderr).toMatch(message);
  });

  it('exits 2 on bad arguments and unreadable paths', () => {
    expect(run().status).toBe(2);
    expect(run(`${FIXTURES}/camt053.xml`, '--format', 'pdf').stderr).toMatch(/--format must be one of/);
    expect(run(`${FIXTURES}/camt053.xml`, '--date-format', 'soon').stderr).toMatch(/--date-format "soon"/);
    expect(run('/nonexistent/file.ofx').stderr).toMatch(/cannot read .*ENOENT/);
  }, 120_000);
});
