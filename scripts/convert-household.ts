// Converts the household "Daily Transactions" CSV to the eval format `date,description,amount,category,account`
// (ISO date; amount positive = money out, as Plaid). Usage: node scripts/convert-household.ts <in.csv> [out.csv]
import { readFileSync, writeFileSync } from 'node:fs';
import { csvField, parseCsv } from '../shared/src/categorize/parse-csv.ts';

const [input, output] = process.argv.slice(2);
if (!input) {
  console.error('usage: node scripts/convert-household.ts <daily-household-transactions.csv> [out.csv]');
  process.exit(2);
}

function isoDate(text: string): string {
  const m = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})/.exec(text.trim());
  if (!m) throw new Error(`unreadable date: ${text}`);
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

const lines: string[] = [];
let skipped = 0;
for (const r of parseCsv(readFileSync(input, 'utf8'))) {
  const kind = (r['Income/Expense'] ?? '').trim();
  const amount = (r.Amount ?? '').trim();
  const category = (r.Category ?? '').trim();
  if (!/^\d+(\.\d+)?$/.test(amount) || !category || !kind) {
    skipped++;
    continue;
  }
  // Income and money coming in are negative in Plaid's convention.
  const signed = kind === 'Income' || kind === 'Transfer-In' ? `-${amount}` : amount;
  const description = (r.Note ?? '').replace(/\s+/g, ' ').trim();
  lines.push(
    [isoDate(r.Date ?? ''), description, signed, category, (r.Mode ?? '').trim()].map(csvField).join(','),
  );
}
// The source lists newest first (with times within a day); the eval wants oldest first.
lines.reverse();
const text = `${['date,description,amount,category,account', ...lines].join('\n')}\n`;
if (output) writeFileSync(output, text);
else process.stdout.write(text);
console.error(`converted ${lines.length} rows, skipped ${skipped}`);
