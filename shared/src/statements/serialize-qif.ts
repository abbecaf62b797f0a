import type { StatementTransaction } from './statement.ts';

/**
 * Writes rows as QIF (`!Type:Bank`, M/D/YYYY dates, customer-view signs), splits included; the inverse of
 * parseQif for what QIF can carry (no ids, no currency).
 */
export function serializeQif(rows: readonly StatementTransaction[]): string {
  const lines = ['!Type:Bank'];
  for (const row of rows) {
    const [y, m, d] = row.date.split('-');
    lines.push(`D${+m!}/${+d!}/${y}`, `T${flip(row.amount)}`);
    if (row.payee) lines.push(`P${oneLine(row.payee)}`);
    if (row.memo) lines.push(`M${oneLine(row.memo)}`);
    for (const split of row.splits ?? []) {
      lines.push(`S${oneLine(split.category ?? '')}`);
      if (split.memo) lines.push(`E${oneLine(split.memo)}`);
      lines.push(`$${flip(split.amount)}`);
    }
    lines.push('^');
  }
  return `${lines.join('\n')}\n`;
}

function flip(amount: string): string {
  return amount.startsWith('-')
    ? amount.slice(1)
    : amount === '0' || /^0(\.0+)?$/.test(amount)
      ? amount
      : `-${amount}`;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
