import { fonts, MARGIN, type ReportCanvas } from './report-canvas.ts';

/** "finsync · title · period" and "Generated … · Page i of n" on every page, drawn once all pages exist. */
export function drawPageFooters(canvas: ReportCanvas, left: string, generated: string): number {
  const { doc, contentWidth } = canvas;
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // The bottom margin is lifted so writing there never adds a page.
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 6;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(doc.page.width - MARGIN, y - 6)
      .lineWidth(0.5)
      .strokeColor('#c8ced6')
      .stroke();
    doc.font(fonts.regular).fontSize(7.5).fillColor('#666666');
    doc.text(left, MARGIN, y, { width: contentWidth / 2, lineBreak: false });
    doc.text(`Generated ${generated} · Page ${i + 1} of ${range.count}`, MARGIN + contentWidth / 2, y, {
      width: contentWidth / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = keep;
  }
  return range.count;
}
