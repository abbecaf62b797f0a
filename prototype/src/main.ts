import { formatBasisPoints, formatMoney } from '@finsync/shared/presentation';
// The prototype page: asks its own backend (/proto-api) for figures and draws them. It never sees a Plaid key.
import type { DashboardFigures } from '../server/dashboard-figures.ts';
import { createDashboardCharts, type TrendRange } from './dashboard-charts.ts';

type Figures = DashboardFigures & { plaidEnv: string };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const linkButton = $<HTMLButtonElement>('link-bank');
const syncButton = $<HTMLButtonElement>('sync-now');
const rangeSelect = $<HTMLSelectElement>('trend-range');
const charts = createDashboardCharts($('category-chart'), $('trend-chart'));
let latest: Figures | null = null;

async function call(method: 'GET' | 'POST', path: string): Promise<Figures> {
  const response = await fetch(`/proto-api${path}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: method === 'POST' ? '{}' : null,
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body as Figures;
}

function rows(tbody: HTMLElement, cells: (string | { text: string; num: true })[][]) {
  tbody.replaceChildren(
    ...cells.map((row) => {
      const tr = document.createElement('tr');
      for (const cell of row) {
        const td = document.createElement('td');
        if (typeof cell === 'string') td.textContent = cell;
        else {
          td.textContent = cell.text;
          td.className = 'num';
        }
        tr.append(td);
      }
      return tr;
    }),
  );
}

function render(figures: Figures) {
  latest = figures;
  const money = (minor: number) => ({
    text: formatMoney(minor, figures.currency, 'en-US'),
    num: true as const,
  });
  $('plaid-env').textContent = `Plaid: ${figures.plaidEnv}`;
  syncButton.disabled = figures.banks.length === 0;
  if (figures.banks.length === 0) {
    status.textContent = 'No bank linked yet. Link a sandbox bank to start.';
    $('dashboard').hidden = true;
    return;
  }
  status.textContent = `${figures.transactionCount} transactions from ${figures.accounts.length} accounts · today is ${figures.today} (${figures.timezone})`;
  $('dashboard').hidden = false;
  $('week-spent').textContent = formatMoney(figures.thisWeek.spentMinor, figures.currency, 'en-US');
  $('week-range').textContent = `${figures.thisWeek.start} – ${figures.thisWeek.end}`;
  $('week-income').textContent = formatMoney(figures.thisWeek.incomeMinor, figures.currency, 'en-US');
  $('week-count').textContent = `${figures.thisWeek.transactionCount} transactions this week`;
  $('banks').replaceChildren(
    ...figures.banks.map((b) => {
      const li = document.createElement('li');
      li.textContent = `${b.institutionName ?? b.itemId} — ${syncStatusWords(b.updateStatus)}`;
      return li;
    }),
  );
  const w = figures.netWorth;
  $('net-worth').textContent = `Net worth ${formatMoney(w.netMinor, figures.currency, 'en-US')}`;
  $('net-worth-parts').textContent =
    `assets ${formatMoney(w.assetsMinor, figures.currency, 'en-US')} − debts ${formatMoney(w.liabilitiesMinor, figures.currency, 'en-US')}`;
  rows(
    $('accounts-table').querySelector('tbody')!,
    figures.accounts.map((a) => [
      a.mask ? `${a.name} ••${a.mask}` : a.name,
      a.side === 'liability' ? 'debt' : 'asset',
      a.signedMinor === null ? '—' : money(a.signedMinor),
    ]),
  );
  rows(
    $('category-table').querySelector('tbody')!,
    figures.byCategory.map((c) => [
      c.name,
      c.groupName,
      money(c.spentMinor),
      { text: formatBasisPoints(c.shareBps, { decimals: 2 }), num: true },
    ]),
  );
  rows(
    $('recent-table').querySelector('tbody')!,
    figures.recent.map((t) => [
      t.pending ? `${t.date} (pending)` : t.date,
      t.payee,
      t.categoryName,
      money(t.amountMinor),
    ]),
  );
  charts.update(figures, rangeSelect.value as TrendRange);
  document.body.dataset.ready = 'true';
}

async function run(button: HTMLButtonElement | null, label: string, work: () => Promise<Figures>) {
  if (button) button.disabled = true;
  linkButton.disabled = true;
  status.classList.remove('error');
  status.textContent = label;
  try {
    render(await work());
  } catch (error) {
    status.classList.add('error');
    status.textContent = `Failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    linkButton.disabled = false;
    if (latest) syncButton.disabled = latest.banks.length === 0;
  }
}

linkButton.addEventListener(
  'click',
  () => void run(linkButton, 'Linking a sandbox bank and syncing its history…', () => call('POST', '/link')),
);
syncButton.addEventListener('click', () => void run(syncButton, 'Syncing…', () => call('POST', '/sync')));
rangeSelect.addEventListener('change', () => {
  if (latest) charts.update(latest, rangeSelect.value as TrendRange);
});
void run(null, 'Loading…', () => call('GET', '/dashboard'));

/** Plaid's update status as a person would say it (never the raw webhook code). */
function syncStatusWords(status: string | null): string {
  switch (status) {
    case null:
      return 'not synced yet';
    case 'HISTORICAL_UPDATE_COMPLETE':
      return 'history synced';
    case 'INITIAL_UPDATE_COMPLETE':
      return 'recent transactions synced; older history on its way';
    default:
      return status.toLowerCase().replaceAll('_', ' ');
  }
}
