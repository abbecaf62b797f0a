import { readFileSync } from 'node:fs';
import type { ReportSummary } from '@finsync/shared/presentation';
import { localDateOf } from '@finsync/shared/reports';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { reportFormatter } from '../format-report-values.ts';
import { drawAnomalies } from './anomalies-section.ts';
import { drawBalances } from './balances-section.ts';
import { drawBills } from './bills-section.ts';
import { drawBudgets } from './budgets-section.ts';
import { drawCategories } from './categories-section.ts';
import { drawCover } from './cover-section.ts';
import { drawNetWorthChange } from './net-worth-section.ts';
import { drawPageFooters } from './page-footers.ts';
import { drawPayees } from './payees-section.ts';
import type { ChartBox } from './pdf-charts.ts';
import { type ChartName, FOOTER, fonts, MARGIN, reportCanvas } from './report-canvas.ts';
import { drawSpending } from './spending-section.ts';
import { drawTrends } from './trends-section.ts';

// DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt) covers accented Latin, Greek and
// Cyrillic payee names; it is read once from the repository, never fetched, and parsed once per process:
// every document shares the parsed font (each embeds its own subset). Parsing it per document was about
// 40% of a render.
const FONT_REGULAR = parsedFont(new URL('../fonts/DejaVuSans.ttf', import.meta.url));
const FONT_BOLD = parsedFont(new URL('../fonts/DejaVuSans-Bold.ttf', import.meta.url));

function parsedFont(file: URL): Font {
  const font = createFont(readFileSync(file));
  if (!('layout' in font)) throw new Error(`${file.pathname} is a font collection, not one font`);
  return font;
}

export interface RenderedReportPdf {
  pdf: Buffer;
  pageCount: number;
  /** Where each chart was drawn (points from the page's top-left), so tests can check it is not blank. */
  charts: { name: ChartName; page: number; box: ChartBox }[];
  pageSize: { width: number; height: number };
}

/** The sections of a report, in reading order; each draws at the current position and may add pages. */
const SECTIONS = [
  drawSpending,
  drawTrends,
  drawCategories,
  drawPayees,
  drawAnomalies,
  drawBudgets,
  drawBills,
  drawBalances,
  drawNetWorthChange,
];

/** A printable PDF of a report: cover with headline figures, vector charts, tables, page numbers. */
export async function renderReportPdf(
  summary: ReportSummary,
  options: { locale: string },
): Promise<RenderedReportPdf> {
  const f = reportFormatter(options.locale, summary.currency);
  const letter = /^en-(US|CA)$|^es-US$/.test(options.locale);
  const generatedAt = new Date(summary.generatedAt);
  const title = { weekly: 'Weekly report', monthly: 'Monthly report', custom: 'Report' }[summary.kind];
  const periodText = f.period(summary.period.start, summary.period.end);
  const doc = new PDFDocument({
    size: letter ? 'LETTER' : 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: true,
    info: {
      Title: `finsync ${title} ${periodText}`,
      Author: 'finsync',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as a source too (PDFFontFactory.open); its types only list files.
  doc.registerFont(fonts.regular, FONT_REGULAR as unknown as Buffer);
  doc.registerFont(fonts.bold, FONT_BOLD as unknown as Buffer);

  const charts: RenderedReportPdf['charts'] = [];
  const canvas = reportCanvas(doc, summary, f, charts);
  drawCover(canvas, title, periodText);
  for (const draw of SECTIONS) draw(canvas);
  const generated = f.date(localDateOf(generatedAt, summary.period.timezone));
  const pageCount = drawPageFooters(canvas, `finsync · ${title} · ${periodText}`, generated);

  const pageSize = { width: doc.page.width, height: doc.page.height };
  doc.end();
  await done;
  return { pdf: Buffer.concat(chunks), pageCount, charts, pageSize };
}
