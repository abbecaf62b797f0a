// `pnpm bench all`: every figure of issue 16 in one run, each beside its target and the anchor measured in the
// same run (bare Fastify, plain COPY into the same table, the emulator's raw paging speed, Actual Budget's
// importTransactions). Each benchmark runs in its own process, one after another, and ends with a
// `BENCH_JSON {…}` line that this script reads. Take the figures on a quiet machine: the load average is printed
// before and after.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
type Figures = Record<string, number>;

function run(name: string, args: string[] = []): Figures | { failed: string } {
  console.error(`\n▶ ${name} ${args.join(' ')}`);
  const child = spawnSync(process.execPath, [`${dir}${name}.ts`, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stderr.write(child.stdout ?? '');
  const lines = (child.stdout ?? '').trim().split('\n');
  const tagged = lines.find((l) => l.startsWith('BENCH_JSON '));
  // bench/categorize.ts prints its figures as its last line, untagged.
  const json = tagged ? tagged.slice('BENCH_JSON '.length) : lines.at(-1);
  if (child.status !== 0 || !json?.startsWith('{')) return { failed: `exit ${child.status}` };
  return JSON.parse(json) as Figures;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
// `--quick`: small sizes, to check the script end to end; its figures do not answer the targets.
const quick = process.argv.includes('--quick');
/** Each benchmark's size (transactions), small with --quick. */
const sizes = quick
  ? { dashboard: 5_000, report: 5_000, sync: 2_000, rules: 10_000 }
  : { dashboard: 100_000, report: 100_000, sync: 50_000, rules: 100_000 };
/** A size as the table's first column names it: 100k. */
const k = (count: number) => `${count / 1000}k`;
const loadBefore = load();
const dashboard = run('api-dashboard', [
  '--transactions',
  String(sizes.dashboard),
  '--connections',
  '50',
  '--seconds',
  quick ? '2' : '10',
]);
const report = run('report-pdf', [String(sizes.report), '--db']);
const sync = run('sync-historical', ['--transactions', String(sizes.sync)]);
const rules = run('categorize', ['--rules', '100', '--txns', String(sizes.rules), '--train', '1000']);
const fleet = run('fleet', quick ? ['--quick'] : ['--items', '10000']);
// Actual Budget's importTransactions on the same emulator transactions as finsync's syncs (same seed and size):
// 10k and 50k, as the issue asks. Its import reconciles each row against the account, so it slows as the
// account fills: 50k took 84 s on a quiet run here (595 tx/s, against 1,321 tx/s for 10k).
const actualSizes = quick ? [1_000] : [10_000, 50_000];
// Beside each, finsync's historical sync of the same rows (the one above for 50k).
const actual = actualSizes.map((count) => {
  const finsync = count === sizes.sync ? sync : run('sync-historical', ['--transactions', String(count)]);
  return [count, run('actual-import', ['--transactions', String(count)]), finsync] as const;
});
const loadAfter = load();

const get = (f: Figures | { failed: string }, key: string): number | undefined =>
  'failed' in f ? undefined : (f as Figures)[key];
const n = (v: number | undefined, unit = '') =>
  v === undefined ? 'failed' : `${v.toLocaleString('en-US')}${unit}`;
const meets = (v: number | undefined, ok: (v: number) => boolean) =>
  v === undefined ? '—' : ok(v) ? 'yes' : 'no';
// A figure measured twice in one process: the first time (V8 still compiling, caches empty) decides the
// verdict; the steady state, what a long-running worker sees, is named when only it meets the target.
const meetsFirstOrSteady = (
  first: number | undefined,
  steady: number | undefined,
  ok: (v: number) => boolean,
) => {
  const verdict = meets(first, ok);
  return verdict === 'no' && meets(steady, ok) === 'yes' ? 'steady only' : verdict;
};

const rows: [string, string, string, string, string][] = [];
const row = (path: string, measured: string, target: string, anchor: string, met: string) =>
  rows.push([path, measured, target, anchor, met]);
const bare = get(dashboard, 'bareReqPerSec');
for (const key of ['month', 'year'] as const) {
  const p99 = get(dashboard, `${key}P99`);
  const pct = get(dashboard, `${key}PctOfBare`);
  row(
    `dashboard ${key}, ${k(sizes.dashboard)} tx, 50 conn`,
    `p99 ${n(p99, ' ms')}, ${n(get(dashboard, `${key}ReqPerSec`))} req/s (${n(pct, '%')} of bare)`,
    'p99 ≤ 50 ms; ≥ 25% of bare',
    `bare Fastify ${n(bare)} req/s, p99 ${n(get(dashboard, 'bareP99'), ' ms')}`,
    meets(p99, (v) => v <= 50 && (pct ?? 0) >= 25),
  );
  row(
    `  … revalidated (If-None-Match → 304)`,
    `p99 ${n(get(dashboard, `${key}304P99`), ' ms')}, ${n(get(dashboard, `${key}304ReqPerSec`))} req/s`,
    'p99 ≤ 50 ms',
    'same',
    meets(get(dashboard, `${key}304P99`), (v) => v <= 50),
  );
  row(
    `  … first read after a change (computed)`,
    `p50 ${n(get(dashboard, `${key}ComputedP50`), ' ms')}, max ${n(get(dashboard, `${key}ComputedMax`), ' ms')} (one at a time)`,
    '—',
    'same',
    '—',
  );
}
row(
  `monthly report summary (${k(sizes.report)} rows)`,
  `${n(get(report, 'summaryLoadedMs'), ' ms')} as the worker computes it (trend months from the rollups, ${n(get(report, 'loadedRows'))} rows); ${n(get(report, 'summaryWarmMs'), ' ms')} over all ${k(sizes.report)} rows in memory`,
  '≤ 50 ms',
  `load from PostgreSQL ${n(get(report, 'loadMs'), ' ms')}`,
  meets(get(report, 'summaryLoadedMs'), (v) => v <= 50),
);
row(
  'report end to end (load, summary, PDF, store)',
  `${n(get(report, 'endToEndMs'), ' ms')} first report; ${n(get(report, 'endToEndSteadyMs'), ' ms')} steady (the next one)`,
  '≤ 300 ms',
  '—',
  meetsFirstOrSteady(get(report, 'endToEndMs'), get(report, 'endToEndSteadyMs'), (v) => v <= 300),
);
row(
  '  … a month to date (Reports → Any period: load + summary, warm)',
  `${n(get(report, 'monthToDateMs'), ' ms')} (${n(get(report, 'monthToDateRows'))} rows loaded)`,
  '≤ 300 ms (as a report)',
  '—',
  meets(get(report, 'monthToDateMs'), (v) => v <= 300),
);
row(
  `historical sync, ${n(get(sync, 'syncRows'))} tx`,
  `${n(get(sync, 'syncTxPerSec'))} tx/s end to end`,
  '≥ 20k tx/s',
  `emulator raw paging ${n(get(sync, 'emulatorPagingTxPerSec'))} tx/s (own process)`,
  meets(get(sync, 'syncTxPerSec'), (v) => v >= 20_000),
);
row(
  '  … its commit',
  `${n(get(sync, 'commitRowsPerSec'))} rows/s (${n(get(sync, 'commitMs'), ' ms')})`,
  '≥ 40k rows/s',
  `plain COPY into transactions ${n(get(sync, 'copyRowsPerSec'))} rows/s`,
  meets(get(sync, 'commitRowsPerSec'), (v) => v >= 40_000),
);
row(
  `rules, 100 rules × ${k(sizes.rules)} tx`,
  `${n(get(rules, 'rulesTxPerSec'))} tx/s first pass; ${n(get(rules, 'rulesSteadyTxPerSec'))} tx/s steady`,
  '≥ 1M tx/s',
  `testing every rule: ${n(get(rules, 'rulesTxPerSecWithoutIndex'))} tx/s`,
  meetsFirstOrSteady(get(rules, 'rulesTxPerSec'), get(rules, 'rulesSteadyTxPerSec'), (v) => v >= 1_000_000),
);
row(
  `fleet sweep, ${n(get(fleet, 'items'))} items × ${n(get(fleet, 'workers'))} workers, one SIGKILLed`,
  `${n(get(fleet, 'itemsPerMinute'))} items/min; ${n(get(fleet, 'lostItems'))} items lost`,
  'limiter holds; no item lost',
  `most Plaid calls in any ${n(get(fleet, 'windowSeconds'), ' s')}: ${n(get(fleet, 'clientMaxPerWindow'))} (limit ${n(get(fleet, 'clientLimit'))}), one item's sync ${n(get(fleet, 'itemSyncMaxPerWindow'))} (limit ${n(get(fleet, 'itemSyncLimit'))})`,
  meets(
    get(fleet, 'lostItems'),
    (v) =>
      v === 0 &&
      (get(fleet, 'clientMaxPerWindow') ?? Infinity) <= (get(fleet, 'clientLimit') ?? 0) &&
      (get(fleet, 'itemSyncMaxPerWindow') ?? Infinity) <= (get(fleet, 'itemSyncLimit') ?? 0),
  ),
);
for (const [size, figures, finsync] of actual) {
  row(
    `Actual's importTransactions, ${size.toLocaleString('en-US')} tx (anchor)`,
    `${n(get(figures, 'actualTxPerSec'))} tx/s (${n(get(figures, 'actualMs'), ' ms')})`,
    '—',
    `finsync's historical sync of the same rows: ${n(get(finsync, 'syncTxPerSec'))} tx/s`,
    '—',
  );
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length), 8));
const header: [string, string, string, string, string] = [
  'path',
  'measured',
  'target',
  'anchor (same run)',
  'met',
];
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(
  `\nissue 16 figures${quick ? ' (--quick: small sizes, not the targets)' : ''} — load average before: ${loadBefore}, after: ${loadAfter}`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
