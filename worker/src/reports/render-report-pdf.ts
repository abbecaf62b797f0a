import { readFileSync } from 'node:fs';
import {
  type ComparedWith,
  countedSentence,
  describeComparison,
  localDateOf,
  type ReportSummary,
} from '@finsync/shared/reports';
import PDFDocument from 'pdfkit';
import { reportFormatter } from './format-report-values.ts';
import { type ChartBox, drawCashFlowBars, drawCategoryBars, drawLineChart, PALETTE } from './pdf-charts.ts';
import { drawTable, type PdfColumn } from './pdf-table.ts';

// DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt) covers accented Latin, Greek and
// Cyrillic payee names; it is read once from the repository, never fetched.
const FONT_REGULAR = readFileSync(new URL('./fonts/DejaVuSans.ttf', import.meta.url));
const FONT_BOLD = readFileSync(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url));
const fonts = { regular: 'Body', bold: 'Body-Bold' };

export interface RenderedReportPdf {
  pdf: Buffer;
  pageCount: number;
  /** Where each chart was drawn (points from the page's top-left), so tests can check it is not blank. */
  charts: { name: 'categories' | 'trend' | 'cashflow' | 'netWorth'; page: number; box: ChartBox }[];
  pageSize: { width: number; height: number };
}

const MARGIN = 50;
const FOOTER = 36;

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
  doc.registerFont(fonts.regular, FONT_REGULAR);
  doc.registerFont(fonts.bold, FONT_BOLD);

  const pageWidth = doc.page.width;
  const contentWidth = pageWidth - MARGIN * 2;
  const bottom = () => doc.page.height - MARGIN - FOOTER;
  const pageIndex = () => doc.bufferedPageRange().count - 1;
  const newPage = () => {
    doc.addPage();
    return doc.y;
  };
  const charts: RenderedReportPdf['charts'] = [];
  const axisMoney = f.axisMoney;
  const tableStyle = { font: fonts.regular, boldFont: fonts.bold, fontSize: 8.5, bottom, newPage };

  const heading = (text: string, need = 90) => {
    if (doc.y + need > bottom()) newPage();
    else doc.moveDown(0.6);
    doc.font(fonts.bold).fontSize(13).fillColor('#1b2a41').text(text, MARGIN, doc.y);
    doc.moveDown(0.3);
  };
  const note = (text: string) => {
    doc
      .font(fonts.regular)
      .fontSize(9)
      .fillColor('#555555')
      .text(text, MARGIN, doc.y, { width: contentWidth });
    doc.moveDown(0.4);
  };
  /** A full-width table of rows; with `empty`, a sentence instead when there are none. */
  const table = (
    specs: readonly ColumnSpec[],
    rows: readonly string[][],
    empty?: string,
    style: typeof tableStyle & { fontSize: number } = tableStyle,
  ) => {
    if (rows.length || empty === undefined) drawTable(doc, MARGIN, columns(contentWidth, specs), rows, style);
    else note(empty);
  };
  // A caption that introduces a table stays on the same page as the table's header and first rows.
  const caption = (text: string) => {
    if (doc.y + 80 > bottom()) newPage();
    note(text);
  };

  // Cover.
  doc.rect(0, 0, pageWidth, 150).fill('#1b2a41');
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
  const hasBalances = summary.balances.accounts.length > 0 || summary.balances.netWorth.length > 0;
  const hasBills =
    summary.recurring.missed.length +
      summary.recurring.dueNext.length +
      summary.recurring.priceChanges.length >
    0;
  const omitted = [
    ...(summary.topPayees.length ? [] : ['top payees and largest purchases (no spending)']),
    ...(hasBills ? [] : ['bills and subscriptions (no recurring bills found yet)']),
    ...(hasBalances ? [] : ['balances and net worth (no balance history recorded yet)']),
  ];
  if (omitted.length) note(`Not in this report: ${omitted.join('; ')}.`);

  heading('Where the money went', 60);
  const topCategories = summary.byCategory.filter((c) => c.spentMinor > 0).slice(0, 10);
  if (topCategories.length) {
    const box = { x: MARGIN, y: doc.y, width: contentWidth, height: Math.max(60, topCategories.length * 22) };
    drawCategoryBars(
      doc,
      box,
      topCategories.map((c) => ({
        label: c.name,
        value: c.spentMinor,
        valueText: `${f.money(c.spentMinor)} · ${f.percent(c.shareBps)}`,
      })),
      fonts,
    );
    charts.push({ name: 'categories', page: pageIndex(), box });
    doc.y = box.y + box.height + 8;
  } else note('No spending in this period.');
  heading('Spending by group', 80);
  table(
    [
      ['Group', 0.65, 'left', 2],
      ['Spent', 0.2, 'right'],
      ['Share', 0.15, 'right'],
    ],
    summary.byGroup.map((g) => [g.name, f.money(g.spentMinor), f.percent(g.shareBps)]),
  );

  // Trends: on a new page only when the chart does not fit (a forced break left a page with a few rows).
  const months = summary.trends.months.map((m) => f.month(m));
  heading(`Spending over ${months.length} months`, 220);
  const trendBox = { x: MARGIN, y: doc.y, width: contentWidth, height: 190 };
  drawLineChart(
    doc,
    trendBox,
    months,
    [
      { name: 'Spending', values: summary.trends.totals.map((t) => t.spentMinor), color: PALETTE[0]! },
      {
        name: `${summary.trends.rollingWindow}-month average`,
        values: summary.trends.totals.map((t) => t.spentRollingAverageMinor),
        color: '#8a8f98',
        dashed: true,
      },
    ],
    axisMoney,
    fonts,
  );
  charts.push({ name: 'trend', page: pageIndex(), box: trendBox });
  doc.y = trendBox.y + trendBox.height + 6;
  if (summary.trends.lastMonthPartial) note('The last month is counted up to the end of this period only.');

  heading('Cash flow by month', 220);
  const flowBox = { x: MARGIN, y: doc.y, width: contentWidth, height: 190 };
  drawCashFlowBars(
    doc,
    flowBox,
    months,
    summary.trends.totals.map((t) => t.incomeMinor),
    summary.trends.totals.map((t) => t.spentMinor),
    axisMoney,
    fonts,
  );
  charts.push({ name: 'cashflow', page: pageIndex(), box: flowBox });
  doc.y = flowBox.y + flowBox.height + 6;

  heading('Spending by category');
  table(
    [
      ['Category', 0.4, 'left', 2],
      ['Group', 0.25, 'left', 1],
      ['Count', 0.1, 'right'],
      ['Spent', 0.15, 'right'],
      ['Share', 0.1, 'right'],
    ],
    summary.byCategory.map((c) => [
      c.name,
      c.groupName,
      String(c.count),
      f.money(c.spentMinor),
      f.percent(c.shareBps),
    ]),
  );
  const recentMonths = summary.trends.months.slice(-6);
  const offset = summary.trends.months.length - recentMonths.length;
  if (summary.trends.byCategory.length) {
    heading('Category trends (last 6 months)');
    table(
      [
        ['Category', 0.22, 'left', 2],
        ...recentMonths.map((m) => [f.month(m), 0.1, 'right'] as ColumnSpec),
        [`${summary.trends.rollingWindow}-mo avg`, 0.18, 'right'],
      ],
      summary.trends.byCategory
        .slice(0, 15)
        .map((c) => [
          c.name,
          ...recentMonths.map((_, i) => f.money(c.monthlyMinor[offset + i]!)),
          f.money(c.rollingAverageMinor.at(-1)!),
        ]),
      undefined,
      { ...tableStyle, fontSize: 7.5 },
    );
  }

  if (summary.topPayees.length) {
    heading('Top payees');
    table(
      [
        ['Payee', 0.6, 'left', 2],
        ['Transactions', 0.2, 'right'],
        ['Spent', 0.2, 'right'],
      ],
      summary.topPayees.map((p) => [p.name, String(p.count), f.money(p.spentMinor)]),
      'No payees this period.',
    );

    heading('Largest transactions');
    table(
      [
        ['Date', 0.15, 'left'],
        ['Payee', 0.3, 'left', 2],
        ['Category', 0.2, 'left', 2],
        ['Account', 0.2, 'left', 2],
        ['Amount', 0.15, 'right'],
      ],
      summary.largestTransactions.map((t) => [
        f.date(t.date),
        t.name,
        t.categoryName,
        t.accountName,
        f.money(t.amountMinor),
      ]),
      'No purchases this period.',
    );
  }

  heading('Unusual spending');
  table(
    [
      ['What', 0.36, 'left', 2],
      ['This period', 0.16, 'right'],
      ['Usual', 0.16, 'right'],
      ['Above usual', 0.18, 'right'],
      ['Change', 0.14, 'right'],
    ],
    summary.anomalies.map((a) => [
      `${a.scope === 'category' ? 'Category' : 'Payee'}: ${a.name}`,
      f.money(a.currentMinor),
      f.money(a.baselineMinor),
      f.signedMoney(a.excessMinor),
      f.signedPercent(a.changeBps),
    ]),
    'Nothing stood out against your usual spending.',
  );

  if (summary.budgets?.length) {
    const budgetMonth = summary.budgets[0]!.month;
    heading(`Budgets for ${budgetMonth}`);
    caption(
      `As of ${f.date(summary.period.end)}: spending counted the same way as above, against each limit.`,
    );
    const paceWords = {
      underPace: 'Under pace',
      onPace: 'On pace',
      overPace: 'Over pace',
      overBudget: 'Over budget',
    };
    table(
      [
        ['Budget', 0.34, 'left', 2],
        ['Spent', 0.18, 'right'],
        ['Available', 0.18, 'right'],
        ['Used', 0.12, 'right'],
        ['Pace', 0.18, 'left'],
      ],
      summary.budgets.map((b) =>
        b.kind === 'income'
          ? ['Income (received / planned)', f.money(b.actualMinor), f.money(b.limitMinor), '', '']
          : [
              b.isGroup ? `${b.name} (group)` : b.name,
              f.money(b.actualMinor),
              f.money(b.availableMinor),
              b.pace.percentUsed === null ? '' : `${b.pace.percentUsed}%`,
              paceWords[b.pace.status],
            ],
      ),
    );
  }

  if (hasBills) {
    heading('Bills and subscriptions');
    const billColumns: ColumnSpec[] = [
      ['Payee', 0.45, 'left', 2],
      ['Every', 0.15, 'left'],
      ['Date', 0.2, 'left'],
      ['Expected', 0.2, 'right'],
    ];
    const billRows = (list: ReportSummary['recurring']['dueNext']) =>
      list.map((b) => [b.payee, b.cadence, f.date(b.date), f.money(b.expectedMinor)]);
    if (summary.recurring.missed.length) {
      caption('Expected but not seen:');
      table(billColumns, billRows(summary.recurring.missed));
    }
    if (summary.recurring.dueNext.length) {
      caption(`Due in the next ${{ weekly: 'week', monthly: 'month', custom: 'period' }[summary.kind]}:`);
      table(billColumns, billRows(summary.recurring.dueNext));
    }
    if (summary.recurring.priceChanges.length) {
      caption('Price changes:');
      table(
        [
          ['Subscription', 0.34, 'left', 2],
          ['Charged on', 0.18, 'left'],
          ['Was', 0.16, 'right'],
          ['Now', 0.16, 'right'],
          ['Change', 0.16, 'right'],
        ],
        summary.recurring.priceChanges.map((p) => [
          p.payee,
          f.date(p.date),
          f.money(p.previousMinor),
          f.money(p.currentMinor),
          f.signedPercent(p.changeBps),
        ]),
      );
    }
  }

  if (hasBalances) {
    heading('Balances and net worth', 200);
    table(
      [
        ['Account', 0.4, 'left', 2],
        ['Kind', 0.16, 'left'],
        ['Opening', 0.22, 'right'],
        ['Closing', 0.22, 'right'],
      ],
      [
        // A card or loan is a debt: shown negative, as it counts in net worth.
        ...summary.balances.accounts.map((a) => {
          const shown = (minor: number | null) =>
            minor === null ? '—' : f.money(a.side === 'liability' ? -minor : minor);
          return [
            a.name,
            a.side === 'asset' ? 'asset' : 'debt',
            shown(a.openingMinor),
            shown(a.closingMinor),
          ];
        }),
        ...summary.balances.netWorth
          .slice(-1)
          .map((p) => [
            `Net worth (assets ${f.money(p.assetsMinor)} − debts ${f.money(p.liabilitiesMinor)})`,
            '',
            '',
            f.money(p.netWorthMinor),
          ]),
      ],
    );
    if (summary.balances.netWorth.length >= 2) {
      if (doc.y + 180 > bottom()) newPage();
      const box = { x: MARGIN, y: doc.y + 4, width: contentWidth, height: 170 };
      drawLineChart(
        doc,
        box,
        summary.balances.netWorth.map((p) => f.date(p.date).replace(/,? \d{4}$/, '')),
        [
          {
            name: 'Net worth',
            values: summary.balances.netWorth.map((p) => p.netWorthMinor),
            color: PALETTE[2]!,
          },
        ],
        axisMoney,
        fonts,
      );
      charts.push({ name: 'netWorth', page: pageIndex(), box });
      doc.y = box.y + box.height + 6;
    }
  }

  // Footers on every page; the bottom margin is lifted so writing there never adds a page.
  const generated = f.date(localDateOf(generatedAt, summary.period.timezone));
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 6;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(pageWidth - MARGIN, y - 6)
      .lineWidth(0.5)
      .strokeColor('#c8ced6')
      .stroke();
    doc.font(fonts.regular).fontSize(7.5).fillColor('#666666');
    doc.text(`finsync · ${title} · ${periodText}`, MARGIN, y, { width: contentWidth / 2, lineBreak: false });
    doc.text(`Generated ${generated} · Page ${i + 1} of ${range.count}`, MARGIN + contentWidth / 2, y, {
      width: contentWidth / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = keep;
  }
  const pageCount = range.count;
  const pageSize = { width: doc.page.width, height: doc.page.height };
  doc.end();
  await done;
  return { pdf: Buffer.concat(chunks), pageCount, charts, pageSize };
}

type ColumnSpec = [string, number, ('left' | 'right')?, number?];

function columns(width: number, specs: readonly ColumnSpec[]): PdfColumn[] {
  return specs.map(([header, share, align, maxLines]) => ({
    header,
    width: width * share,
    align: align ?? 'left',
    maxLines: maxLines ?? 1,
  }));
}
