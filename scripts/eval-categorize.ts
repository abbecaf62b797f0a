// Simulates a user categorizing a labelled CSV in date order: finsync suggests a category before seeing the
// label, then learns from the label as the user's correction. Usage: pnpm eval:categorize <file.csv>
// CSV header: date,description,amount,category[,account] — ISO dates, amount positive = money out.
import { readFileSync } from 'node:fs';
import {
  type CategorizableTransaction,
  uncategorizedTransaction,
} from '../shared/src/categorize/categorizable-transaction.ts';
import {
  type CategorizeContext,
  categorizeTransaction,
  DEFAULT_AUTO_APPLY_CONFIDENCE,
} from '../shared/src/categorize/categorize-transaction.ts';
import { cleanPayee, merchantKey } from '../shared/src/categorize/clean-payee.ts';
import { type LearnedMerchantMap, learnMerchant } from '../shared/src/categorize/learned-merchants.ts';
import { createModel, learn } from '../shared/src/categorize/naive-bayes.ts';
import { parseCsv } from '../shared/src/categorize/parse-csv.ts';
import { type CorrectionRecord, proposeRule } from '../shared/src/categorize/propose-rule.ts';
import { compileRules, runRules } from '../shared/src/categorize/rule-engine.ts';
import type { RuleDefinition } from '../shared/src/categorize/rule-schema.ts';
import { transactionFeatures } from '../shared/src/categorize/transaction-features.ts';
import { DomainError } from '../shared/src/errors/domain-error.ts';
import { toMinor } from '../shared/src/money/minor-units.ts';

const file = process.argv[2];
if (!file) {
  console.error(
    'usage: pnpm eval:categorize <file.csv>  (header: date,description,amount,category[,account])',
  );
  process.exit(2);
}

// Rows whose amount is not a decimal (or has more than 2 decimals) are skipped, not fatal.
let unreadable = 0;
function amountOf(text: string): number | null {
  try {
    return toMinor(text.trim().replace(/^\+/, ''), null);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    unreadable++;
    return null;
  }
}

const rows = parseCsv(readFileSync(file, 'utf8'))
  .map((r, i) => ({
    i,
    date: (r.date ?? '').trim(),
    description: (r.description ?? '').trim(),
    amountMinor: amountOf(r.amount ?? ''),
    label: (r.category ?? '').trim(),
    account: (r.account ?? '').trim() || 'default',
  }))
  .filter((r): r is typeof r & { amountMinor: number } => r.amountMinor !== null)
  .filter((r) => r.label && /^\d{4}-\d{2}-\d{2}/.test(r.date))
  .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
if (rows.length === 0) {
  console.error('no usable rows: expected columns date,description,amount,category');
  process.exit(2);
}

const threshold = DEFAULT_AUTO_APPLY_CONFIDENCE;
const merchants: LearnedMerchantMap = new Map();
const model = createModel();
const corrections = new Map<string, CorrectionRecord[]>();
const suggestedRules: RuleDefinition[] = [];
const labelCounts = new Map<string, number>();
const ctx: CategorizeContext = {
  engine: compileRules([]),
  merchants,
  model,
  pfcCategoryIds: new Map(),
  autoApplyConfidence: threshold,
};

const stats = new Map<string, { tp: number; fp: number; fn: number; support: number }>();
const stat = (label: string) => {
  let s = stats.get(label);
  if (!s) {
    s = { tp: 0, fp: 0, fn: 0, support: 0 };
    stats.set(label, s);
  }
  return s;
};
let correct = 0;
let autoApplied = 0;
let autoCorrect = 0;
let memoryCorrect = 0;
const lastByDescription = new Map<string, string>();
const transactions: CategorizableTransaction[] = [];
let classifierMs = 0;

for (const r of rows) {
  const t = uncategorizedTransaction({
    id: String(r.i),
    accountId: r.account,
    amountMinor: r.amountMinor,
    date: r.date.slice(0, 10),
    rawName: r.description,
  });
  transactions.push(t);
  const started = performance.now();
  const result = categorizeTransaction(t, ctx);
  // The user sees the applied category, or the to-review suggestion; with nothing learned yet, the commonest label.
  const commonest = [...labelCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const guess = result.decision.categoryId ?? result.decision.suggestion?.categoryId ?? commonest;
  if (guess === r.label) correct++;
  if (result.decision.source === 'learned') {
    autoApplied++;
    if (guess === r.label) autoCorrect++;
  }
  stat(r.label).support++;
  if (guess === r.label) stat(r.label).tp++;
  else {
    stat(r.label).fn++;
    if (guess) stat(guess).fp++;
  }
  const memoryKey = r.description.toLowerCase();
  if (lastByDescription.get(memoryKey) === r.label) memoryCorrect++;
  lastByDescription.set(memoryKey, r.label);

  // The label is revealed: the user's correction (or confirmation) is learned.
  const key = merchantKey(t.rawName, null);
  learnMerchant(merchants, key, r.label);
  learn(
    model,
    transactionFeatures({
      description: t.rawName,
      amountMinor: t.amountMinor,
      accountId: t.accountId,
      date: t.date,
    }),
    r.label,
  );
  classifierMs += performance.now() - started;
  labelCounts.set(r.label, (labelCounts.get(r.label) ?? 0) + 1);
  // Every revealed label is the user setting this merchant's category; agreeing ones propose a rule.
  if (key) {
    const history = corrections.get(key) ?? [];
    history.push({ merchantKey: key, payee: cleanPayee(t.rawName, null), categoryId: r.label });
    corrections.set(key, history);
    const proposal = proposeRule(history);
    if (
      proposal &&
      !suggestedRules.some((s) => JSON.stringify(s.conditions) === JSON.stringify(proposal.conditions))
    ) {
      suggestedRules.push({ ...proposal, id: `suggested-${suggestedRules.length + 1}` });
    }
  }
}

// Rules throughput: the suggested rules (padded to at least 100 with contains-rules on frequent words) over
// every transaction, repeated to at least 100k evaluations.
const words = [
  ...new Set(rows.flatMap((r) => r.description.toLowerCase().split(/\W+/)).filter((w) => w.length >= 4)),
];
const benchRules: RuleDefinition[] = [...suggestedRules];
for (let i = 0; benchRules.length < 100 && i < words.length; i++) {
  benchRules.push({
    id: `bench-${i}`,
    name: words[i]!,
    stage: 'default',
    priority: 0,
    conditionsOp: 'all',
    conditions: [{ field: 'rawName', op: 'contains', value: words[i]! }],
    actions: [{ type: 'setCategory', categoryId: 'x' }],
    stopProcessing: false,
    enabled: true,
  });
}
const engine = compileRules(benchRules);
const prepared = transactions.map((t) => ({ ...t, payee: cleanPayee(t.rawName, null) }));
const passes = Math.max(1, Math.ceil(100_000 / prepared.length));
const ruleStart = performance.now();
let ruleMatches = 0;
for (let p = 0; p < passes; p++)
  for (const t of prepared) ruleMatches += runRules(engine, t).matchedRuleIds.length;
const ruleSeconds = (performance.now() - ruleStart) / 1000;

const labels = [...stats.keys()].sort((a, b) => stats.get(b)!.support - stats.get(a)!.support);
const f1 = (s: { tp: number; fp: number; fn: number }) => {
  const precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 0;
  const recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
};
const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
console.log(`${pad('category', 28)} support precision  recall      F1`);
let macro = 0;
for (const label of labels) {
  const s = stats.get(label)!;
  const m = f1(s);
  macro += m.f1;
  console.log(
    `${pad(label, 28)} ${String(s.support).padStart(7)}   ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`,
  );
}
const majority = Math.max(...labels.map((l) => stats.get(l)!.support)) / rows.length;
const round = (x: number, d = 4) => Number(x.toFixed(d));
console.log(
  `\n${rows.length} rows, ${labels.length} categories; auto-applied (confidence ≥ ${threshold}) ${pct(autoApplied / rows.length).trim()} of rows at ${pct(autoApplied ? autoCorrect / autoApplied : 0).trim()} precision; ${suggestedRules.length} rules suggested`,
);
console.log(
  JSON.stringify({
    rows: rows.length,
    skippedRows: unreadable,
    categories: labels.length,
    top1: round(correct / rows.length),
    macroF1: round(macro / labels.length),
    majorityBaseline: round(majority),
    exactMemoryBaseline: round(memoryCorrect / rows.length),
    autoApplyThreshold: threshold,
    autoAppliedShare: round(autoApplied / rows.length),
    autoAppliedPrecision: round(autoApplied ? autoCorrect / autoApplied : 0),
    rulesSuggested: suggestedRules.length,
    rules: benchRules.length,
    rulesTxPerSec: Math.round((passes * prepared.length) / ruleSeconds),
    ruleMatches,
    classifierTxPerSec: Math.round(rows.length / (classifierMs / 1000)),
  }),
);
