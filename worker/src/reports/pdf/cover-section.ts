import { type ComparedWith, countedSentence, describeComparison } from '@finsync/shared/presentation';
import { fonts, MARGIN, type ReportCanvas, sectionsWithData } from './report-canvas.ts';

/** The title band, the three headline cards with their comparisons, what was counted, and what is left out. */
export function drawCover(canvas: ReportCanvas, title: string, periodText: string): void {
  const { doc, summary, f, contentWidth, note } = canvas;
  doc.rect(0, 0, doc.page.width, 150).fill('#1b2a41');
  doc.font(fonts.bold).fontSize(11).fillColor('#9fb3d1').text('finsync', MARGIN, 40);
  doc.font(fonts.bold).fontSize(28).fillColor('#ffffff').text(title, MARGIN, 62);
  doc.font(fonts.regular).fontSize(13).fillColor('#dce6f5').text(periodText, MARGIN, 100);
  doc
    .fontSize(9)
    .fillColor('#9fb3d1')
    .text(`All figures in ${summary.currency}, days in ${summary.period.timezone}`, MARGIN, 122);

  const cardY = 175;
  const cardW = (contentWidth - 20) / 3;
  // A minus sign, not a hyphen, so a wrapped line never splits "-$59.00".
  const comparisonFormat = {
    money: (minor: number) => f.money(minor).replace('-', '\u2212'),
    signedMoney: (minor: number) => f.signedMoney(minor).replace('-', '\u2212'),
    signedPercent: (bps: number) => f.signedPercent(bps),
  };
  const cards = (['spent', 'income', 'net'] as const).map((figure) => ({
    figure,
    label: { spent: 'Spent', income: 'Income', net: 'Net cash flow' }[figure],
    value: summary.headline[`${figure}Minor`],
    previous: summary.previous[`${figure}Minor`],
    average: summary.trailingAverage[`${figure}Minor`],
  }));
  cards.forEach((card, i) => {
    const x = MARGIN + i * (cardW + 10);
    doc.roundedRect(x, cardY, cardW, 122, 6).lineWidth(0.8).strokeColor('#c8ced6').stroke();
    doc
      .font(fonts.regular)
      .fontSize(9)
      .fillColor('#555555')
      .text(card.label.toUpperCase(), x + 12, cardY + 12);
    doc
      .font(fonts.bold)
      .fontSize(18)
      .fillColor('#111111')
      .text(f.money(card.value), x + 12, cardY + 28, { width: cardW - 24, lineBreak: false });
    // The same sentences as the web report (shared's describeComparison), up to two lines each.
    const line = (reference: number, compared: ComparedWith, y: number) => {
      const text = describeComparison(
        {
          current: card.value,
          reference,
          currency: summary.currency,
          figure: card.figure,
          kind: summary.kind,
          compared,
        },
        comparisonFormat,
      );
      doc
        .font(fonts.regular)
        .fontSize(8)
        .fillColor('#444444')
        // A base amount shown instead of a percentage goes on its own line rather than breaking inside.
        .text(text.replace(/ (\([^()]*\))$/, '\n$1'), x + 12, y, {
          width: cardW - 24,
          height: 22,
          ellipsis: true,
        });
    };
    line(card.previous, { with: 'previous' }, cardY + 60);
    line(card.average, { with: 'average', periods: summary.trailingAverage.periods }, cardY + 88);
  });
  doc.y = cardY + 140;
  const ex = summary.excluded;
  note(
    `${countedSentence(summary.headline.transactionCount, ex)} ` +
      `Previous period ${f.period(summary.previous.start, summary.previous.end)}: spent ${f.money(summary.previous.spentMinor)}, ` +
      `income ${f.money(summary.previous.incomeMinor)}.`,
  );
  // Sections without data are left out and named once here, instead of a heading over an empty sentence.
  const has = sectionsWithData(summary);
  const omitted = [
    ...(has.payees ? [] : ['top payees and largest purchases (no spending)']),
    ...(has.bills ? [] : ['bills and subscriptions (no recurring bills found yet)']),
    ...(has.balances ? [] : ['balances and net worth (no balance history recorded yet)']),
  ];
  if (omitted.length) note(`Not in this report: ${omitted.join('; ')}.`);
}
