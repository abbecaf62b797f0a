// Monthly report for a user with 100k transactions: time to compute the summary and render the PDF,
// and the PDF's size. `pnpm bench report-pdf [transactions]`. Figures go to stdout.
import { writeFileSync } from 'node:fs';
import { createDatabase } from '@finsync/shared';
import { transactionSeriesKey } from '@finsync/shared/categorize';
import {
  buildReportSummary,
  customPeriod,
  loadReportInput,
  previousPeriod,
  type ReportInput,
  type ReportPeriod,
  type ReportTransaction,
  reportPeriod,
  sampleReportInput,
  saveReport,
  seedSampleHousehold,
} from '@finsync/shared/reports';
import { storeSeriesKeys } from '@finsync/shared/tables';
import { createEmptyTestDatabase, keptTestDatabase } from '@finsync/test-support';
import { sql } from 'kysely';
import { migrateToLatest } from '../migrations/src/migrator.ts';
// The worker package exports only its entry; the renderer is imported from its folder.
import { renderReportPdf } from '../worker/src/reports/pdf/render-report-pdf.ts';

// `--db` also stores the rows in a scratch PostgreSQL database (FINSYNC_TEST_PG_URL or local postgres)
// and times the worker's real path: load with Kysely, summarize, render, store — the first report of the
// process (cold) and the next one (steady). BENCH_REPORT_DB=<prefix>_name keeps and reuses a seeded database.
const withDb = process.argv.includes('--db');
const count = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const asOf = new Date('2026-11-02T12:00:00Z');
const period = reportPeriod('monthly', asOf, 'America/New_York');
const base = sampleReportInput(period, asOf);

// A deterministic household: 60 categories in 8 groups, 3,000 payees, 24 months of history.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const groups = Array.from({ length: 8 }, (_, g) => ({
  id: `g${g}`,
  name: `Gruppe ${g} – Ausgaben`,
  parentId: null,
  kind: 'expense' as const,
  isGroup: true,
}));
const categories = [
  ...base.categories,
  ...groups,
  ...Array.from({ length: 60 }, (_, c) => ({
    id: `c${c}`,
    name: `Catégorie n°${c} ${c % 3 ? 'Épicerie' : 'Résidence & Santé'}`,
    parentId: `g${c % 8}`,
    kind: 'expense' as const,
    isGroup: false,
  })),
];
const start = Date.UTC(2024, 10, 1);
const span = Date.UTC(2026, 10, 1) - start;
const transactions: ReportTransaction[] = Array.from({ length: count }, (_, i) => {
  const income = i % 40 === 0;
  const day = new Date(start + Math.floor(rand() * span));
  return {
    id: `b${i}`,
    accountId: i % 3 ? 'a-chk' : 'a-cc',
    amountMinor: income ? -Math.floor(200_000 + rand() * 300_000) : Math.floor(100 + rand() * 25_000),
    currency: 'USD',
    date: day.toISOString().slice(0, 10),
    datetime: i % 2 ? day : null,
    name: `Zahlungsempfänger ${i % 3000} Łódź Café ${i % 7 ? '' : 'with a very long descriptive merchant name from the bank'}`,
    categoryId: income ? 'c-salary' : `c${i % 60}`,
    isTransfer: i % 97 === 0,
    excludedFromReports: i % 211 === 0,
    pending: i % 503 === 0,
  };
});
const input: ReportInput = { ...base, categories, transactions };

const w0 = performance.now();
buildReportSummary(input);
const t0 = performance.now();
const summary = buildReportSummary(input);
const t1 = performance.now();
const rendered = await renderReportPdf(summary, { locale: 'en-US' });
const t2 = performance.now();
// A second render shows the steady state once fonts are parsed and code is warm.
const again = await renderReportPdf(summary, { locale: 'en-US' });
const t3 = performance.now();
if (process.env.BENCH_PDF_OUT) writeFileSync(process.env.BENCH_PDF_OUT, rendered.pdf);

console.log(
  `report-pdf: monthly report, ${count.toLocaleString('en-US')} transactions (${summary.headline.transactionCount} in the month)`,
);
console.log(`  summary (pure, cold):  ${(t0 - w0).toFixed(0)} ms`);
console.log(`  summary (pure, warm):  ${(t1 - t0).toFixed(0)} ms`);
console.log(`  PDF render (cold):     ${(t2 - t1).toFixed(0)} ms`);
console.log(`  PDF render (warm):     ${(t3 - t2).toFixed(0)} ms`);
console.log(
  `  PDF size:              ${(rendered.pdf.length / 1024).toFixed(1)} KiB, ${rendered.pageCount} pages (${again.pdf.length} bytes again)`,
);
console.log(`  peak RSS:              ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

if (withDb) {
  // BENCH_REPORT_DB names a scratch database to keep between runs (it must start with the test prefix): the
  // first run seeds it, later runs migrate it to the latest schema and reuse its household (a test run with the
  // same prefix drops it, as it drops all of the prefix's databases). Unset, the run creates a database of its
  // own and drops it at the end.
  const kept = process.env.BENCH_REPORT_DB;
  const scratch = kept ? await keptTestDatabase(kept) : await createEmptyTestDatabase();
  const dropScratch = 'drop' in scratch ? scratch.drop : undefined;
  const db = createDatabase({ kind: 'postgres', url: scratch.url, poolMax: 4 });
  const email = `report-pdf-bench-${count}@example.test`;
  try {
    await migrateToLatest(db);
    const s0 = performance.now();
    const reused = kept
      ? await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
      : undefined;
    const userId = reused?.id ?? (await seedSampleHousehold(db, input, { email })).userId;
    // A database seeded before transactions had stored series keys gets them as the recurring refresh after a
    // sync would write them (reports read bills' payments by them).
    const unkeyed = await db
      .selectFrom('transactions')
      .select(['id', 'payee', 'raw_name', 'merchant_name', 'amount_minor', 'currency'])
      .where('user_id', '=', userId)
      .where('series_key', 'is', null)
      .execute();
    if (unkeyed.length) {
      await storeSeriesKeys(
        db,
        userId,
        unkeyed.map((r) => ({ id: r.id, seriesKey: transactionSeriesKey(r) })),
      );
      await sql`VACUUM ANALYZE transactions`.execute(db);
    }
    // A user with this history has table statistics and vacuumed tables; without them the plans are not the
    // ones production runs (autovacuum would gather them at some moment during the timing, changing the figure
    // mid-run; the test server runs with autovacuum off).
    if (!reused) await sql`VACUUM ANALYZE`.execute(db);
    const s1 = performance.now();

    // One report as the worker makes it: load with Kysely, summarize, render, store.
    const report = async (p: ReportPeriod) => {
      const cpu0 = process.cpuUsage();
      const r0 = performance.now();
      const loaded = await loadReportInput(db, userId, p, 'USD', asOf);
      const r1 = performance.now();
      const summary = buildReportSummary(loaded);
      const r2 = performance.now();
      const pdf = await renderReportPdf(summary, { locale: 'en-US' });
      const r3 = performance.now();
      await saveReport(db, {
        userId,
        kind: 'monthly',
        period: p,
        currency: 'USD',
        summary,
        pdf: pdf.pdf,
        generatedAt: asOf,
      });
      const r4 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      return {
        loaded,
        summary,
        pdf: pdf.pdf,
        loadMs: r1 - r0,
        summaryMs: r2 - r1,
        pdfMs: r3 - r2,
        storeMs: r4 - r3,
        totalMs: r4 - r0,
        nodeCpuMs: (cpu.user + cpu.system) / 1000,
      };
    };
    // The first report of the process is the cold figure (the issue's target); the second, for the month
    // before, runs with the code warm and the pool's connections open: the steady state of a worker.
    const cold = await report(period);
    const steady = await report(previousPeriod(period));
    // Reports → Any period on a month to date (1–15 October), warm, as GET /reports/summary computes it (load and
    // summary; no PDF, nothing stored): compared like for like with 1–15 September, August and July, trailing
    // periods with days between them, summed from the rollups as a whole month's are.
    const m0 = performance.now();
    const toDateLoaded = await loadReportInput(
      db,
      userId,
      customPeriod('2026-10-01', '2026-10-15', 'America/New_York'),
      'USD',
      asOf,
    );
    buildReportSummary(toDateLoaded);
    const toDate = { loaded: toDateLoaded, totalMs: performance.now() - m0 };
    // The summary as the worker computes it: over what was loaded (the trend months from the rollups, rows
    // from the trailing periods on), warm.
    const l0 = performance.now();
    buildReportSummary(cold.loaded);
    const l1 = performance.now();
    // BENCH_DB_OUT=<path prefix> keeps both reports' summaries and PDFs, to compare a change's output byte for byte.
    const out = process.env.BENCH_DB_OUT;
    if (out) {
      for (const [name, r] of [
        ['cold', cold],
        ['steady', steady],
      ] as const) {
        writeFileSync(`${out}-${name}.json`, JSON.stringify(r.summary));
        writeFileSync(`${out}-${name}.pdf`, r.pdf);
      }
    }
    const line = (r: typeof cold) =>
      `${r.totalMs.toFixed(0)} ms (load ${r.loadMs.toFixed(0)}, summary ${r.summaryMs.toFixed(0)}, PDF ${r.pdfMs.toFixed(0)} → ${r.pdf.length} bytes, store ${r.storeMs.toFixed(0)}; Node CPU ${r.nodeCpuMs.toFixed(0)} ms)`;
    console.log(
      `  with PostgreSQL (--db): ${reused ? `reused ${scratch.name}` : `seeding ${(s1 - s0).toFixed(0)} ms`} (not part of a report)`,
    );
    console.log(
      `    load ${cold.loaded.transactions.length.toLocaleString('en-US')} rows: ${cold.loadMs.toFixed(0)} ms`,
    );
    console.log(`    summary of what was loaded (warm): ${(l1 - l0).toFixed(0)} ms`);
    console.log(`    load + summary + PDF + store, cold (first report): ${line(cold)}`);
    console.log(`    load + summary + PDF + store, steady (next report, month before): ${line(steady)}`);
    console.log(
      `    load + summary, a month to date (Reports → Any period, 1–15 Oct, warm): ${toDate.totalMs.toFixed(0)} ms (${toDate.loaded.transactions.length.toLocaleString('en-US')} rows loaded)`,
    );
    console.log(
      `BENCH_JSON ${JSON.stringify({ summaryWarmMs: Math.round(t1 - t0), summaryLoadedMs: Math.round(l1 - l0), loadedRows: cold.loaded.transactions.length, loadMs: Math.round(cold.loadMs), endToEndMs: Math.round(cold.totalMs), endToEndSteadyMs: Math.round(steady.totalMs), monthToDateMs: Math.round(toDate.totalMs), monthToDateRows: toDate.loaded.transactions.length })}`,
    );
  } finally {
    await db.destroy();
    await dropScratch?.();
  }
}
