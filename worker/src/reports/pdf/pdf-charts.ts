import { fitText } from './pdf-table.ts';

/** A rectangle on a page, in PDF points from the top-left corner. */
export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartFonts {
  regular: string;
  bold: string;
}

export const PALETTE = [
  '#2f6fdf',
  '#e0793a',
  '#2e9e6b',
  '#b0449c',
  '#c9a227',
  '#4aa3b5',
  '#7a5cc7',
  '#d14b4b',
  '#6b8e23',
  '#8a8f98',
];

/** Horizontal bars, one per item, labelled on the left with the figure on the right. */
export function drawCategoryBars(
  doc: PDFKit.PDFDocument,
  box: ChartBox,
  items: readonly { label: string; value: number; valueText: string }[],
  fonts: ChartFonts,
): void {
  const labelWidth = box.width * 0.32;
  const valueWidth = box.width * 0.24;
  const barArea = box.width - labelWidth - valueWidth - 8;
  const rowHeight = Math.min(22, box.height / Math.max(items.length, 1));
  const max = Math.max(1, ...items.map((i) => i.value));
  doc.fontSize(8.5);
  items.forEach((item, i) => {
    const y = box.y + i * rowHeight;
    const barHeight = rowHeight * 0.62;
    doc.font(fonts.regular).fillColor('#222222');
    const [label] = fitText(doc, item.label, labelWidth - 6, 1);
    doc.text(label!, box.x, y + (rowHeight - 10) / 2, { width: labelWidth - 6, lineBreak: false });
    const w = Math.max(1.5, (Math.max(0, item.value) / max) * barArea);
    doc
      .roundedRect(box.x + labelWidth, y + (rowHeight - barHeight) / 2, w, barHeight, 2)
      .fill(PALETTE[i % PALETTE.length]!);
    doc
      .fillColor('#222222')
      .text(item.valueText, box.x + labelWidth + barArea + 8, y + (rowHeight - 10) / 2, {
        width: valueWidth,
        align: 'right',
        lineBreak: false,
      });
  });
}

export interface LineSeries {
  name: string;
  values: readonly number[];
  color: string;
  dashed?: boolean;
}

/** A line chart over labelled points, with a zero line, gridlines, axis figures and a legend. */
export function drawLineChart(
  doc: PDFKit.PDFDocument,
  box: ChartBox,
  labels: readonly string[],
  series: readonly LineSeries[],
  axisText: (value: number) => string,
  fonts: ChartFonts,
): void {
  const plot = plotArea(box);
  const all = series.flatMap((s) => s.values);
  const { min, max, step } = niceRange(Math.min(0, ...all), Math.max(1, ...all));
  const yOf = (v: number) => plot.y + plot.height - ((v - min) / (max - min)) * plot.height;
  const xOf = (i: number) =>
    plot.x + (labels.length === 1 ? plot.width / 2 : (i / (labels.length - 1)) * plot.width);
  axes(doc, plot, labels, { min, max, step }, yOf, xOf, axisText, fonts);
  for (const s of series) {
    doc.save();
    doc.lineWidth(s.dashed ? 1.2 : 2).strokeColor(s.color);
    if (s.dashed) doc.dash(4, { space: 3 });
    for (const [i, v] of s.values.entries()) {
      if (i === 0) doc.moveTo(xOf(i), yOf(v));
      else doc.lineTo(xOf(i), yOf(v));
    }
    doc.stroke();
    doc.undash();
    if (!s.dashed) for (const [i, v] of s.values.entries()) doc.circle(xOf(i), yOf(v), 1.8).fill(s.color);
    doc.restore();
  }
  legend(
    doc,
    box,
    series.map((s) => ({ name: s.name, color: s.color })),
    fonts,
  );
}

/** Income and spending side by side per month, with the net as a marker. */
export function drawCashFlowBars(
  doc: PDFKit.PDFDocument,
  box: ChartBox,
  labels: readonly string[],
  income: readonly number[],
  spent: readonly number[],
  axisText: (value: number) => string,
  fonts: ChartFonts,
): void {
  const plot = plotArea(box);
  const { min, max, step } = niceRange(0, Math.max(1, ...income, ...spent));
  const yOf = (v: number) => plot.y + plot.height - ((v - min) / (max - min)) * plot.height;
  const slot = plot.width / labels.length;
  const xOf = (i: number) => plot.x + slot * (i + 0.5);
  axes(doc, plot, labels, { min, max, step }, yOf, xOf, axisText, fonts);
  const barWidth = Math.min(14, slot * 0.36);
  labels.forEach((_, i) => {
    const cx = xOf(i);
    const inc = Math.max(0, income[i] ?? 0);
    const out = Math.max(0, spent[i] ?? 0);
    doc.rect(cx - barWidth - 0.5, yOf(inc), barWidth, yOf(0) - yOf(inc)).fill('#2e9e6b');
    doc.rect(cx + 0.5, yOf(out), barWidth, yOf(0) - yOf(out)).fill('#d14b4b');
  });
  legend(
    doc,
    box,
    [
      { name: 'Income', color: '#2e9e6b' },
      { name: 'Spending', color: '#d14b4b' },
    ],
    fonts,
  );
}

function plotArea(box: ChartBox): ChartBox {
  return { x: box.x + 58, y: box.y + 18, width: box.width - 66, height: box.height - 38 };
}

/** Axis bounds on round steps (1, 2 or 5 × a power of ten), at most about five steps. */
function niceRange(lo: number, hi: number): { min: number; max: number; step: number } {
  const span = hi - lo || 1;
  const power = 10 ** Math.floor(Math.log10(span / 5));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= 5) ?? power * 10;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step || step, step };
}

function axes(
  doc: PDFKit.PDFDocument,
  plot: ChartBox,
  labels: readonly string[],
  range: { min: number; max: number; step: number },
  yOf: (v: number) => number,
  xOf: (i: number) => number,
  axisText: (v: number) => string,
  fonts: ChartFonts,
): void {
  doc.save();
  doc.font(fonts.regular).fontSize(7).fillColor('#555555');
  for (let v = range.min; v <= range.max + range.step / 2; v += range.step) {
    const y = yOf(v);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(v === 0 ? 0.8 : 0.4)
      .strokeColor(v === 0 ? '#888888' : '#dddddd')
      .stroke();
    doc.text(axisText(v), plot.x - 58, y - 4, { width: 54, align: 'right', lineBreak: false });
  }
  labels.forEach((label, i) => {
    doc.text(label, xOf(i) - 18, plot.y + plot.height + 4, { width: 36, align: 'center', lineBreak: false });
  });
  doc.restore();
}

function legend(
  doc: PDFKit.PDFDocument,
  box: ChartBox,
  items: { name: string; color: string }[],
  fonts: ChartFonts,
): void {
  doc.save();
  doc.font(fonts.regular).fontSize(7.5);
  let x = box.x + box.width;
  for (const item of [...items].reverse()) {
    const w = doc.widthOfString(item.name) + 14;
    x -= w + 6;
    doc.rect(x, box.y + 2, 8, 8).fill(item.color);
    doc.fillColor('#333333').text(item.name, x + 11, box.y + 2, { lineBreak: false });
  }
  doc.restore();
}
