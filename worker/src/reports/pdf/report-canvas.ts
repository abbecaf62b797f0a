import type { ReportSummary } from '@finsync/shared/presentation';
import type { ReportFormatter } from '../format-report-values.ts';
import type { ChartBox } from './pdf-charts.ts';
import { drawTable, type PdfColumn, type PdfTableStyle } from './pdf-table.ts';

export const MARGIN = 50;
export const FOOTER = 36;
export const fonts = { regular: 'Body', bold: 'Body-Bold' };

export type ChartName = 'categories' | 'trend' | 'cashflow' | 'netWorth';

/** A column: header, share of the content width, alignment, and how many lines its text may wrap onto. */
export type ColumnSpec = [string, number, ('left' | 'right')?, number?];

/**
 * The page a section draws on: the document, the report and its formatter, and the few layout moves every
 * section shares (a heading that keeps its content with it, a note, a table, a caption). Section renderers
 * take this and draw at doc.y, one after another.
 */
export interface ReportCanvas {
  doc: PDFKit.PDFDocument;
  summary: ReportSummary;
  f: ReportFormatter;
  contentWidth: number;
  tableStyle: PdfTableStyle;
  bottom(): number;
  newPage(): number;
  /** Records where a chart was drawn, on the current page. */
  chartDrawn(name: ChartName, box: ChartBox): void;
  heading(text: string, need?: number): void;
  note(text: string): void;
  /** A full-width table of rows; with `empty`, a sentence instead when there are none. */
  table(specs: readonly ColumnSpec[], rows: readonly string[][], empty?: string, style?: PdfTableStyle): void;
  /** A caption that introduces a table stays on the same page as the table's header and first rows. */
  caption(text: string): void;
}

export function reportCanvas(
  doc: PDFKit.PDFDocument,
  summary: ReportSummary,
  f: ReportFormatter,
  charts: { name: ChartName; page: number; box: ChartBox }[],
): ReportCanvas {
  const contentWidth = doc.page.width - MARGIN * 2;
  const bottom = () => doc.page.height - MARGIN - FOOTER;
  const newPage = () => {
    doc.addPage();
    return doc.y;
  };
  const tableStyle: PdfTableStyle = {
    font: fonts.regular,
    boldFont: fonts.bold,
    fontSize: 8.5,
    bottom,
    newPage,
  };
  const note = (text: string) => {
    doc
      .font(fonts.regular)
      .fontSize(9)
      .fillColor('#555555')
      .text(text, MARGIN, doc.y, { width: contentWidth });
    doc.moveDown(0.4);
  };
  return {
    doc,
    summary,
    f,
    contentWidth,
    tableStyle,
    bottom,
    newPage,
    chartDrawn: (name, box) => charts.push({ name, page: doc.bufferedPageRange().count - 1, box }),
    heading: (text, need = 90) => {
      if (doc.y + need > bottom()) newPage();
      else doc.moveDown(0.6);
      doc.font(fonts.bold).fontSize(13).fillColor('#1b2a41').text(text, MARGIN, doc.y);
      doc.moveDown(0.3);
    },
    note,
    table: (specs, rows, empty, style = tableStyle) => {
      if (rows.length || empty === undefined)
        drawTable(doc, MARGIN, columns(contentWidth, specs), rows, style);
      else note(empty);
    },
    caption: (text) => {
      if (doc.y + 80 > bottom()) newPage();
      note(text);
    },
  };
}

function columns(width: number, specs: readonly ColumnSpec[]): PdfColumn[] {
  return specs.map(([header, share, align, maxLines]) => ({
    header,
    width: width * share,
    align: align ?? 'left',
    maxLines: maxLines ?? 1,
  }));
}

/** Sections drawn only when they have data; the cover names the others once. */
export function sectionsWithData(summary: ReportSummary) {
  const { recurring, balances } = summary;
  return {
    payees: summary.topPayees.length > 0,
    bills: recurring.missed.length + recurring.dueNext.length + recurring.priceChanges.length > 0,
    balances: balances.accounts.length > 0 || balances.netWorth.length > 0,
  };
}
