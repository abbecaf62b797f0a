import type { ReportSummary } from '@finsync/shared/presentation';
import type { ReportFormatter } from '../format-report-values.ts';
import type { ChartBox } from './pdf-charts.ts';
import { drawTable, type PdfTableStyle } from './pdf-table.ts';

export const MARGIN = 50;
export const FOOTER = 36;
export const fonts = { regular: 'Body', bold: 'Body-Bold' };

export type ChartName = 'categories' | 'trend' | 'cashflow' | 'netWorth';

/**
 * A column of a section's table: its header, share of the content width, alignment, how many lines its text
 * may wrap onto, and its cell for one row of the table.
 */
export interface Column<Row> {
  header: string;
  share: number;
  align: 'left' | 'right';
  maxLines: number;
  cell(row: Row): string;
}

/** Makes the columns of one table, typed by the table's rows. */
export interface Columns<Row> {
  /** A column of words (left-aligned), wrapping onto up to `maxLines` lines. */
  text(header: string, share: number, cell: (row: Row) => string, maxLines?: number): Column<Row>;
  /** A column of figures (right-aligned, one line). */
  figure(header: string, share: number, cell: (row: Row) => string): Column<Row>;
}

const columnMaker: Columns<never> = {
  text: (header, share, cell, maxLines = 1) => ({ header, share, align: 'left', maxLines, cell }),
  figure: (header, share, cell) => ({ header, share, align: 'right', maxLines: 1, cell }),
};

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
  /**
   * A full-width table, a line per row, with the columns `columns` makes; with `empty`, a sentence instead
   * when there are no rows.
   */
  table<Row>(
    columns: (column: Columns<Row>) => readonly Column<Row>[],
    rows: readonly Row[],
    empty?: string,
    style?: PdfTableStyle,
  ): void;
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
    table: (makeColumns, rows, empty, style = tableStyle) => {
      const columns = makeColumns(columnMaker as Columns<(typeof rows)[number]>);
      if (rows.length || empty === undefined)
        drawTable(
          doc,
          MARGIN,
          columns.map((c) => ({
            header: c.header,
            width: contentWidth * c.share,
            align: c.align,
            maxLines: c.maxLines,
          })),
          rows.map((row) => columns.map((c) => c.cell(row))),
          style,
        );
      else note(empty);
    },
    caption: (text) => {
      if (doc.y + 80 > bottom()) newPage();
      note(text);
    },
  };
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
