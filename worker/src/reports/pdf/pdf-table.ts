/** A column of a PDF table; `align: 'right'` for figures. */
export interface PdfColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
  /** Longer text wraps onto at most this many lines, then ends with an ellipsis. */
  maxLines?: number;
}

export interface PdfTableStyle {
  font: string;
  boldFont: string;
  fontSize: number;
  /** Lowest y a row may reach before the table continues on a new page. */
  bottom: () => number;
  /** Starts a new page and returns the y to continue at. */
  newPage: () => number;
}

const PAD = 4;

/**
 * Draws a table at doc.y. A row that does not fit moves whole to the next page, where the header is
 * repeated, so no row is ever cut in half.
 */
export function drawTable(
  doc: PDFKit.PDFDocument,
  x: number,
  columns: readonly PdfColumn[],
  rows: readonly string[][],
  style: PdfTableStyle,
): void {
  const totalWidth = columns.reduce((a, c) => a + c.width, 0);
  doc.fontSize(style.fontSize);
  const lineHeight = doc.font(style.font).currentLineHeight(true);
  let y = doc.y;

  const header = () => {
    doc.font(style.boldFont).fontSize(style.fontSize).fillColor('#333333');
    const h = lineHeight + PAD * 2;
    doc.rect(x, y, totalWidth, h).fill('#eef1f5');
    let cx = x;
    doc.fillColor('#333333');
    for (const c of columns) {
      doc.text(fitText(doc, c.header, c.width - PAD * 2, 1)[0]!, cx + PAD, y + PAD, {
        width: c.width - PAD * 2,
        align: c.align ?? 'left',
        lineBreak: false,
      });
      cx += c.width;
    }
    y += h;
  };

  if (y + (lineHeight + PAD * 2) * 2 > style.bottom()) y = style.newPage();
  header();
  rows.forEach((row, r) => {
    doc.font(style.font).fontSize(style.fontSize);
    const cells = columns.map((c, i) => fitText(doc, row[i] ?? '', c.width - PAD * 2, c.maxLines ?? 1));
    const lines = Math.max(...cells.map((cell) => cell.length));
    const h = lines * lineHeight + PAD * 2;
    if (y + h > style.bottom()) {
      y = style.newPage();
      header();
      doc.font(style.font).fontSize(style.fontSize);
    }
    if (r % 2 === 1) doc.rect(x, y, totalWidth, h).fill('#f8f9fb');
    doc.fillColor('#111111');
    let cx = x;
    columns.forEach((c, i) => {
      cells[i]!.forEach((line, l) => {
        doc.text(line, cx + PAD, y + PAD + l * lineHeight, {
          width: c.width - PAD * 2,
          align: c.align ?? 'left',
          lineBreak: false,
        });
      });
      cx += c.width;
    });
    y += h;
  });
  doc
    .moveTo(x, y)
    .lineTo(x + totalWidth, y)
    .lineWidth(0.5)
    .strokeColor('#c8ced6')
    .stroke();
  doc.x = x;
  doc.y = y + 10;
}

/**
 * Breaks text into at most `maxLines` lines that fit `width` at the current font, cutting the last
 * line with an ellipsis when the text is longer (words longer than a line are cut by characters).
 */
export function fitText(doc: PDFKit.PDFDocument, text: string, width: number, maxLines: number): string[] {
  const fits = (s: string) => doc.widthOfString(s) <= width;
  const lines: string[] = [];
  let rest = text.replace(/\s+/g, ' ').trim();
  while (rest && lines.length < maxLines) {
    if (fits(rest)) {
      lines.push(rest);
      rest = '';
      break;
    }
    const cut = longestFitting(rest.length - 1, (n) => fits(rest.slice(0, n)));
    const space = rest[cut] === ' ' ? cut : rest.lastIndexOf(' ', cut - 1);
    const end = space > 0 ? space : cut;
    lines.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) {
    const last = lines[lines.length - 1] ?? '';
    const keep = fits(`${last}…`)
      ? last.length
      : longestFitting(last.length - 1, (n) => fits(`${last.slice(0, n)}…`), 0);
    lines[lines.length - 1] = `${last.slice(0, keep).trimEnd()}…`;
  }
  return lines.length ? lines : [''];
}

/**
 * The largest n in [floor, most] whose prefix fits, else `floor`: a binary search, since a longer prefix is
 * never narrower (measuring is the costly part of a report's PDF; one by one it was quadratic in the text).
 */
function longestFitting(most: number, fits: (n: number) => boolean, floor = 1): number {
  let lo = floor;
  let hi = most;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
