import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildReportSummary,
  type ReportSummary,
  reportPeriod,
  sampleReportInput,
} from '@finsync/shared/reports';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportPdf } from '../src/reports/pdf/render-report-pdf.ts';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/reports/', import.meta.url));
const DPI = 72; // 1 PDF point = 1 pixel
const asOf = new Date('2026-11-02T12:00:00Z');

function rasterize(name: string, pdf: Buffer): PNG[] {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${name}-`)) rmSync(join(ARTIFACTS, f));
  const pdfPath = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(pdfPath, pdf);
  execFileSync('pdftoppm', ['-png', '-r', String(DPI), pdfPath, join(ARTIFACTS, name)]);
  return readdirSync(ARTIFACTS)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => PNG.sync.read(readFileSync(join(ARTIFACTS, f))));
}

function inkRatio(png: PNG, box: { x: number; y: number; width: number; height: number }): number {
  let ink = 0;
  let total = 0;
  for (let y = Math.floor(box.y); y < Math.min(png.height, box.y + box.height); y++) {
    for (let x = Math.floor(box.x); x < Math.min(png.width, box.x + box.width); x++) {
      const i = (y * png.width + x) * 4;
      total++;
      if (png.data[i]! < 235 || png.data[i + 1]! < 235 || png.data[i + 2]! < 235) ink++;
    }
  }
  return ink / total;
}

/** A heavy month: many categories and payees with long accented names, to force page breaks. */
function heavySummary(): ReportSummary {
  const period = reportPeriod('monthly', asOf, 'Europe/Paris');
  const base = sampleReportInput(period, asOf);
  const categories = [
    ...base.categories,
    ...Array.from({ length: 45 }, (_, i) => ({
      id: `c-extra-${i}`,
      name: `Catégorie ${i} — Dépenses diverses très détaillées pour l'éducation et la santé`,
      parentId: 'g-food',
      kind: 'expense' as const,
      isGroup: false,
    })),
  ];
  const transactions = [
    ...base.transactions.map((t) => ({ ...t, currency: 'EUR' })),
    ...Array.from({ length: 400 }, (_, i) => ({
      ...base.transactions[0]!,
      id: `h${i}`,
      currency: 'EUR',
      date: `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      amountMinor: 1000 + ((i * 7919) % 90000),
      name: `Żółć Ærøskøbing Crème Brûlée Société Générale Ünïcödé Payee Number ${i} With An Extraordinarily Long Name`,
      categoryId: `c-extra-${i % 45}`,
    })),
  ];
  return buildReportSummary({
    ...base,
    currency: 'EUR',
    categories,
    transactions,
    accounts: base.accounts.map((a) => ({ ...a, currency: 'EUR' })),
    recurring: base.recurring.map((r) => ({ ...r, currency: 'EUR' })),
  });
}

describe('report PDF rendered like a person would see it', () => {
  let weekly: Awaited<ReturnType<typeof renderReportPdf>>;
  let monthly: Awaited<ReturnType<typeof renderReportPdf>>;
  let heavy: Awaited<ReturnType<typeof renderReportPdf>>;
  beforeAll(async () => {
    const w = reportPeriod('weekly', asOf, 'America/New_York', 1);
    const m = reportPeriod('monthly', asOf, 'America/New_York');
    weekly = await renderReportPdf(buildReportSummary(sampleReportInput(w, asOf)), { locale: 'en-US' });
    monthly = await renderReportPdf(buildReportSummary(sampleReportInput(m, asOf)), { locale: 'en-US' });
    heavy = await renderReportPdf(heavySummary(), { locale: 'fr-FR' });
  });

  it('renders every page of the monthly report to PNG with all four charts drawn', () => {
    const pages = rasterize('monthly', monthly.pdf);
    expect(pages).toHaveLength(monthly.pageCount);
    expect(monthly.pageCount).toBeGreaterThanOrEqual(2);
    expect(pages[0]!.width).toBe(612); // US Letter at 72 dpi
    expect(monthly.charts.map((c) => c.name).sort()).toEqual(['cashflow', 'categories', 'netWorth', 'trend']);
    for (const chart of monthly.charts) {
      const ratio = inkRatio(pages[chart.page]!, chart.box);
      expect(ratio, `${chart.name} chart has ink`).toBeGreaterThan(0.02);
    }
  });

  it('leaves the margins of a page blank where nothing is drawn (the pixel check can fail)', () => {
    const pages = rasterize('weekly', weekly.pdf);
    expect(pages).toHaveLength(weekly.pageCount);
    const page = pages[0]!;
    expect(inkRatio(page, { x: 2, y: page.height - 25, width: 30, height: 20 })).toBe(0);
    for (const chart of weekly.charts) expect(inkRatio(pages[chart.page]!, chart.box)).toBeGreaterThan(0.02);
  });

  it('breaks long tables across A4 pages and numbers every page', () => {
    const pages = rasterize('heavy', heavy.pdf);
    expect(heavy.pageCount).toBeGreaterThanOrEqual(4);
    expect(pages).toHaveLength(heavy.pageCount);
    expect(Math.round(pages[0]!.width / 10)).toBe(60); // A4 (595.3 pt) for fr-FR
    const text = execFileSync('pdftotext', ['-layout', join(ARTIFACTS, 'heavy.pdf'), '-']).toString();
    for (let p = 1; p <= heavy.pageCount; p++) expect(text).toContain(`Page ${p} of ${heavy.pageCount}`);
    // Accented names come out as text (the embedded font has the glyphs) and long ones end in an ellipsis.
    expect(text).toContain('Żółć Ærøskøbing');
    expect(text).toContain('…');
    expect(text).toContain('Catégorie');
  });

  it('embeds its font instead of relying on the reader having one', () => {
    const fonts = execFileSync('pdffonts', [join(ARTIFACTS, 'heavy.pdf')]).toString();
    expect(fonts).toMatch(/DejaVuSans/);
    expect(
      fonts
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .every((line) => /\byes\b/.test(line)),
    ).toBe(true);
  });
});

/** A week like the demo's: ten categories in eight groups, and (optionally) no balance history. */
function demoLikeWeek(options: { balances: boolean }): ReportSummary {
  const summary = buildReportSummary(
    sampleReportInput(reportPeriod('weekly', asOf, 'America/New_York', 1), asOf),
  );
  const groups = [
    'Shopping',
    'Travel',
    'Food and drink',
    'Transportation',
    'Rent and utilities',
    'Entertainment',
    'Home improvement',
    'Personal care',
  ];
  return {
    ...summary,
    // Income of $2,989.55 against a 4-week average of $205.00 (a near-zero base for a percentage).
    headline: {
      ...summary.headline,
      incomeMinor: 2_989_55,
      netMinor: 2_989_55 - summary.headline.spentMinor,
    },
    trailingAverage: { ...summary.trailingAverage, incomeMinor: 205_00 },
    byGroup: groups.map((name, i) => ({
      groupId: `g${i}`,
      name,
      spentMinor: 10_000 - i * 1000,
      shareBps: 1250,
    })),
    byCategory: Array.from({ length: 10 }, (_, i) => ({
      categoryId: `c${i}`,
      name: `Category ${i}`,
      groupName: groups[i % groups.length]!,
      spentMinor: 9_000 - i * 500,
      shareBps: 1000,
      count: 1,
    })),
    balances: options.balances ? summary.balances : { accounts: [], netWorth: [] },
  };
}

function pageTexts(name: string, pdf: Buffer, pageCount: number, mode = '-layout'): string[] {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(path, pdf);
  return Array.from({ length: pageCount }, (_, i) =>
    execFileSync('pdftotext', [mode, '-f', String(i + 1), '-l', String(i + 1), path, '-'])
      .toString()
      .split('\n')
      .filter((line) => line.trim() && !line.includes('finsync · '))
      .join('\n'),
  );
}

describe('report PDF: honest comparisons and no empty pages', () => {
  it('words comparisons like the web (shared wording), with no percentage on a near-zero base', async () => {
    const rendered = await renderReportPdf(demoLikeWeek({ balances: true }), { locale: 'en-US' });
    const text = pageTexts('honest-week', rendered.pdf, rendered.pageCount, '-raw').join('\n');
    expect(text).toContain('vs 4-week average');
    expect(text).not.toContain('4-period');
    expect(text).toMatch(/\+\$2,784\.55 vs 4-week\s+average\s+\(\$205\.00\)/);
    expect(text).not.toMatch(/\+1,\d{3}\.\d %/);
  });

  it('has no near-empty page and no page that only says there are no balances', async () => {
    for (const balances of [true, false]) {
      const rendered = await renderReportPdf(demoLikeWeek({ balances }), { locale: 'en-US' });
      const pages = pageTexts(`pages-${balances}`, rendered.pdf, rendered.pageCount);
      const png = rasterize(`pages-${balances}`, rendered.pdf);
      pages.forEach((text, i) => {
        expect(text, `page ${i + 1}`).not.toMatch(
          /^\s*Balances and net worth\s+No balances recorded yet\.\s*$/,
        );
        if (i === pages.length - 1) return;
        // Every page but the last is used to at least half its height.
        const page = png[i]!;
        let lowest = 0;
        for (let y = 0; y < page.height - 60; y++)
          if (inkRatio(page, { x: 0, y, width: page.width, height: 1 }) > 0) lowest = y;
        expect(lowest / page.height, `page ${i + 1} of ${pages.length} is used`).toBeGreaterThan(0.5);
      });
      if (!balances) expect(pages.join('\n')).not.toContain('No balances recorded yet');
    }
  });
});

describe('report PDF: currencies Intl does not know', () => {
  it('renders a report in a crypto code as the number and the code instead of throwing', async () => {
    const period = reportPeriod('weekly', asOf, 'UTC');
    const summary = { ...buildReportSummary(sampleReportInput(period, asOf)), currency: 'USDC' };
    const rendered = await renderReportPdf(summary, { locale: 'en-US' });
    const text = pageTexts('usdc-week', rendered.pdf, rendered.pageCount).join('\n');
    expect(text).toMatch(/[\d,]+\.\d{2} USDC/);
  });
});

describe('report PDF: debts', () => {
  it('shows a card balance as a debt, negative, and net worth as assets minus debts', async () => {
    const period = reportPeriod('monthly', asOf, 'America/New_York');
    const summary = buildReportSummary(sampleReportInput(period, asOf));
    const rendered = await renderReportPdf(summary, { locale: 'en-US' });
    const text = pageTexts('debts', rendered.pdf, rendered.pageCount, '-raw').join('\n');
    // The sample's card owed $300.00 at the start of October and $450.00 at its end.
    expect(text).toMatch(/Crédit Visa Signature\s+debt\s+-\$300\.00\s+-\$450\.00/);
    const last = summary.balances.netWorth.at(-1)!;
    expect(last.netWorthMinor).toBe(last.assetsMinor - last.liabilitiesMinor);
    expect(text).toMatch(/Net worth \(assets \$9,000\.00 − debts\s+\$450\.00\)\s+\$8,550\.00/);
  });
});
