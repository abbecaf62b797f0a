import { MANUAL_ACCOUNT_TYPES } from '@finsync/shared/presentation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/api-error.ts';
import type { CsvMapping, ImportPreview, ImportPreviewRow, StatementImport } from '../api/contract-types.ts';
import { ErrorState } from '../ui/error-state.tsx';
import { TextField } from '../ui/text-field.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import './import-page.css';
import { SelectOptions } from '../ui/select-options.tsx';

const NEW_ACCOUNT = 'new';
const DATE_ORDERS = { ymd: 'YYYY-MM-DD', dmy: 'DD/MM/YYYY', mdy: 'MM/DD/YYYY' } as const;
const STATUS_LABEL = { new: 'New', duplicate: 'Already there', suspect: 'Maybe a duplicate' } as const;

/** Import a bank statement (OFX/QFX, QIF, CSV, CAMT.053): upload, check the preview, import, undo. */
export default function ImportPage() {
  useDocumentTitle('Import a statement');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<StatementImport | null>(null);
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <h1>Import a statement</h1>
      <p className="muted">
        For banks Plaid can't reach, or history from before you linked: OFX/QFX, QIF, CSV or CAMT.053 files up
        to 10 MB. Nothing is added until you confirm, and rows finsync already has are skipped.
      </p>
      {done ? (
        <Done
          result={done}
          onAgain={() => {
            setDone(null);
            setPreview(null);
          }}
        />
      ) : preview ? (
        <Preview
          preview={preview}
          onChange={setPreview}
          onCommitted={(result) => {
            setDone(result);
            setPreview(null);
          }}
          onCancel={() => setPreview(null)}
        />
      ) : (
        <UploadForm onPreview={setPreview} />
      )}
      <RecentImports />
    </div>
  );
}

/** The header the server offers when it could not guess a CSV's columns (details.layout of the error). */
interface CsvLayout {
  headerLine: number;
  delimiter: CsvMapping['delimiter'];
  columns: string[];
}

function layoutOf(error: unknown): CsvLayout | null {
  if (!(error instanceof ApiError) || error.code !== 'STATEMENT_UNREADABLE') return null;
  const layout = (error.details as { layout?: CsvLayout } | null)?.layout;
  return layout && Array.isArray(layout.columns) && layout.columns.length >= 2 ? layout : null;
}

/** A starting point for choosing columns by hand: first column the date, last the amount. */
function draftMapping(layout: CsvLayout): CsvMapping {
  const european = layout.delimiter === ';';
  return {
    delimiter: layout.delimiter,
    headerLine: layout.headerLine,
    dateColumn: layout.columns[0]!,
    dateOrder: european ? 'dmy' : 'mdy',
    amount: { kind: 'signed', column: layout.columns.at(-1)! },
    sign: 'negative-is-out',
    decimalSeparator: european ? ',' : '.',
    payeeColumn: layout.columns.length > 2 ? layout.columns[1]! : null,
    memoColumn: null,
    idColumn: null,
    currencyColumn: null,
  };
}

function UploadForm({ onPreview }: { onPreview: (p: ImportPreview) => void }) {
  const api = useApi();
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });
  const [accountId, setAccountId] = useState('');
  const [sent, setSent] = useState<FormData | null>(null);
  const [draft, setDraft] = useState<{ layout: CsvLayout; mapping: CsvMapping } | null>(null);
  const ids = { file: useId(), account: useId(), type: useId() };
  const upload = useMutation({
    mutationFn: (form: FormData) => api.imports.upload(form),
    onSuccess: onPreview,
    onError: (error) => {
      const layout = layoutOf(error);
      if (layout && !draft) setDraft({ layout, mapping: draftMapping(layout) });
    },
  });
  const send = (form: FormData) => {
    setSent(form);
    upload.mutate(form);
  };
  const list = accounts.data?.accounts ?? [];
  const chosen = accountId || (list[0]?.id ?? NEW_ACCOUNT);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const form = new FormData();
    form.set('file', data.get('file') as Blob);
    if (chosen === NEW_ACCOUNT) {
      for (const key of [
        'newAccountName',
        'newAccountType',
        'newAccountCurrency',
        'newAccountOpeningBalance',
      ]) {
        const value = String(data.get(key) ?? '').trim();
        if (value) form.set(key, value);
      }
    } else form.set('accountId', chosen);
    setDraft(null);
    send(form);
  };
  return (
    <form className="card stack import-form" onSubmit={submit} aria-labelledby="upload-h">
      <h2 id="upload-h">1. Choose the file and the account</h2>
      <div className="field">
        <label htmlFor={ids.file}>Statement file</label>
        <input id={ids.file} name="file" type="file" required accept=".ofx,.qfx,.qif,.csv,.txt,.xml,.sta" />
      </div>
      <div className="field">
        <label htmlFor={ids.account}>Into account</label>
        <select id={ids.account} value={chosen} onChange={(e) => setAccountId(e.target.value)}>
          {list.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {a.mask ? ` ••${a.mask}` : ''}
              {a.source === 'manual' ? ' (manual)' : ''}
            </option>
          ))}
          <option value={NEW_ACCOUNT}>New manual account…</option>
        </select>
      </div>
      {chosen === NEW_ACCOUNT ? (
        <fieldset className="stack">
          <legend>New manual account</legend>
          <TextField label="Name" name="newAccountName" required maxLength={100} />
          <div className="field">
            <label htmlFor={ids.type}>Type</label>
            <select id={ids.type} name="newAccountType" defaultValue="checking">
              <SelectOptions values={MANUAL_ACCOUNT_TYPES} />
            </select>
          </div>
          <TextField
            label="Currency"
            name="newAccountCurrency"
            defaultValue="USD"
            pattern="[A-Z]{3}"
            required
          />
          <TextField
            label="Opening balance"
            name="newAccountOpeningBalance"
            inputMode="decimal"
            hint="The balance before the first row of the file, e.g. 1250.00"
          />
        </fieldset>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={upload.isPending}>
          {upload.isPending ? 'Reading the file…' : 'Preview'}
        </button>
      </div>
      {upload.isError ? <ErrorState error={upload.error} what="the statement" /> : null}
      {draft && sent ? (
        <div className="stack">
          <MappingEditor
            mapping={draft.mapping}
            columns={draft.layout.columns}
            note="finsync could not tell which column is which: choose them."
            onChange={(mapping) => setDraft({ ...draft, mapping })}
            busy={upload.isPending}
          />
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={upload.isPending}
              onClick={() => {
                const form = new FormData();
                for (const [key, value] of sent.entries()) if (key !== 'csvMapping') form.append(key, value);
                form.set('csvMapping', JSON.stringify(draft.mapping));
                send(form);
              }}
            >
              Preview with these columns
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

function Preview({
  preview,
  onChange,
  onCommitted,
  onCancel,
}: {
  preview: ImportPreview;
  onChange: (p: ImportPreview) => void;
  onCommitted: (r: StatementImport) => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [accepted, setAccepted] = useState<ReadonlySet<number>>(new Set());
  const patch = useMutation({
    mutationFn: (body: Parameters<typeof api.imports.patch>[1]) => api.imports.patch(preview.id, body),
    onSuccess: (p) => {
      setAccepted(new Set());
      onChange(p);
    },
  });
  const commit = useMutation({
    mutationFn: () => api.imports.commit(preview.id, [...accepted]),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries();
      onCommitted(result);
    },
  });
  const discard = useMutation({ mutationFn: () => api.imports.undo(preview.id), onSuccess: onCancel });
  const toImport = preview.counts.new + accepted.size;
  return (
    <section className="card stack" aria-labelledby="preview-h">
      <h2 id="preview-h">2. Check the rows</h2>
      <p role="status">
        {preview.counts.rows} rows in this {preview.format.toUpperCase()} file: {preview.counts.new} new,{' '}
        {preview.counts.duplicate} already there, {preview.counts.suspect} maybe duplicates.
        {preview.sameFileAs ? ' You imported this same file before.' : ''}
      </p>
      {preview.statementAccounts.length > 1 ? (
        <label className="field">
          Account in the file
          <select
            value={preview.statementAccount ?? ''}
            onChange={(e) => patch.mutate({ statementAccount: e.target.value })}
          >
            {preview.statementAccounts.map((a) => (
              <option key={a.key} value={a.key}>
                {a.key}
                {a.type ? ` (${a.type})` : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {preview.csv ? (
        <MappingEditor
          mapping={preview.csv.mapping}
          columns={preview.csv.columns}
          note={
            preview.csv.source === 'saved'
              ? 'Using the columns you chose for this account last time.'
              : preview.csv.ambiguousDateOrder
                ? 'Every day in this file is 12 or less: check the date format.'
                : 'Columns guessed from the file; change any that are wrong.'
          }
          onChange={(csvMapping) => patch.mutate({ csvMapping })}
          busy={patch.isPending}
        />
      ) : null}
      {patch.isError ? <ErrorState error={patch.error} what="the file with these columns" /> : null}
      <ul className="import-rows" aria-label="Rows in the file">
        {preview.rows.map((row) => (
          <PreviewRow
            key={row.index}
            row={row}
            accepted={accepted.has(row.index)}
            onAccept={(on) => {
              const next = new Set(accepted);
              if (on) next.add(row.index);
              else next.delete(row.index);
              setAccepted(next);
            }}
          />
        ))}
      </ul>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={commit.isPending || toImport === 0}
          onClick={() => commit.mutate()}
        >
          {toImport === 0 ? 'Nothing new to import' : `Import ${toImport} ${toImport === 1 ? 'row' : 'rows'}`}
        </button>
        <button type="button" onClick={() => discard.mutate()} disabled={discard.isPending}>
          Cancel
        </button>
      </div>
      {commit.isError ? <ErrorState error={commit.error} what="the import" /> : null}
    </section>
  );
}

function PreviewRow({
  row,
  accepted,
  onAccept,
}: {
  row: ImportPreviewRow;
  accepted: boolean;
  onAccept: (on: boolean) => void;
}) {
  // The app's sign: money in is positive (Plaid's positive amounts are money out).
  const shown = row.amount.startsWith('-') ? `+${row.amount.slice(1)}` : `−${row.amount}`;
  return (
    <li className={`import-row ${row.status}`}>
      <span className="date">{row.date}</span>
      <span className="payee">
        {row.payee ?? row.memo ?? '—'}
        {row.match ? (
          <span className="small muted">
            {' '}
            · matches {row.match.payee ?? 'a row'} on {row.match.date}
          </span>
        ) : null}
      </span>
      <span className="amount">
        {shown} {row.currency ?? ''}
      </span>
      {row.status === 'suspect' ? (
        <label className="check small">
          <input type="checkbox" checked={accepted} onChange={(e) => onAccept(e.target.checked)} />
          Import anyway
        </label>
      ) : (
        <span className={`badge ${row.status === 'new' ? 'ok' : ''}`}>{STATUS_LABEL[row.status]}</span>
      )}
    </li>
  );
}

function MappingEditor({
  mapping,
  columns,
  note,
  onChange,
  busy,
}: {
  mapping: CsvMapping;
  columns: string[];
  note: string;
  onChange: (m: CsvMapping) => void;
  busy: boolean;
}) {
  const column = (label: string, value: string | null, set: (v: string | null) => void, optional = true) => (
    <label className="field">
      {label}
      <select value={value ?? ''} disabled={busy} onChange={(e) => set(e.target.value || null)}>
        {optional ? <option value="">(none)</option> : null}
        <SelectOptions values={columns} />
      </select>
    </label>
  );
  const amount = mapping.amount;
  return (
    <fieldset className="stack">
      <legend>Columns</legend>
      <p className="small muted">{note}</p>
      <div className="import-mapping">
        {column('Date', mapping.dateColumn, (v) => v && onChange({ ...mapping, dateColumn: v }), false)}
        <label className="field">
          Date format
          <select
            value={mapping.dateOrder}
            disabled={busy}
            onChange={(e) => onChange({ ...mapping, dateOrder: e.target.value as CsvMapping['dateOrder'] })}
          >
            <SelectOptions labels={DATE_ORDERS} />
          </select>
        </label>
        <label className="field">
          Amounts
          <select
            value={amount.kind}
            disabled={busy}
            onChange={(e) =>
              onChange({
                ...mapping,
                amount:
                  e.target.value === 'signed'
                    ? { kind: 'signed', column: columns[0] ?? '' }
                    : { kind: 'debit-credit', debitColumn: columns[0] ?? '', creditColumn: columns[1] ?? '' },
              })
            }
          >
            <option value="signed">One amount column</option>
            <option value="debit-credit">Debit and credit columns</option>
          </select>
        </label>
        {amount.kind === 'signed'
          ? column(
              'Amount',
              amount.column,
              (v) => v && onChange({ ...mapping, amount: { ...amount, column: v } }),
              false,
            )
          : [
              column(
                'Debit (money out)',
                amount.debitColumn,
                (v) => v && onChange({ ...mapping, amount: { ...amount, debitColumn: v } }),
                false,
              ),
              column(
                'Credit (money in)',
                amount.creditColumn,
                (v) => v && onChange({ ...mapping, amount: { ...amount, creditColumn: v } }),
                false,
              ),
            ]}
        {amount.kind === 'signed' ? (
          <label className="field">
            Money out is
            <select
              value={mapping.sign}
              disabled={busy}
              onChange={(e) => onChange({ ...mapping, sign: e.target.value as CsvMapping['sign'] })}
            >
              <option value="negative-is-out">negative (bank account)</option>
              <option value="positive-is-out">positive (card statement)</option>
            </select>
          </label>
        ) : null}
        <label className="field">
          Decimal mark
          <select
            value={mapping.decimalSeparator}
            disabled={busy}
            onChange={(e) =>
              onChange({ ...mapping, decimalSeparator: e.target.value as CsvMapping['decimalSeparator'] })
            }
          >
            <option value=".">1,234.56</option>
            <option value=",">1.234,56</option>
          </select>
        </label>
        {column('Payee', mapping.payeeColumn, (v) => onChange({ ...mapping, payeeColumn: v }))}
        {column('Memo', mapping.memoColumn, (v) => onChange({ ...mapping, memoColumn: v }))}
      </div>
    </fieldset>
  );
}

function Done({ result, onAgain }: { result: StatementImport; onAgain: () => void }) {
  return (
    <section className="card stack" aria-labelledby="done-h">
      <h2 id="done-h">Imported</h2>
      <p role="status">
        {`Added ${result.counts.imported} ${result.counts.imported === 1 ? 'transaction' : 'transactions'}; skipped ${result.counts.rows - result.counts.imported} finsync already had.`}{' '}
        They are categorized and counted like synced ones.
      </p>
      <div className="row">
        <Link className="button primary" to="/">
          See the dashboard
        </Link>
        <Link className="button" to={`/transactions?accountId=${result.accountId}`}>
          See the transactions
        </Link>
        <button type="button" onClick={onAgain}>
          Import another file
        </button>
      </div>
    </section>
  );
}

function RecentImports() {
  const api = useApi();
  const queryClient = useQueryClient();
  const imports = useQuery({ queryKey: ['imports'], queryFn: () => api.imports.list() });
  const undo = useMutation({
    mutationFn: (id: string) => api.imports.undo(id),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const committed = (imports.data?.imports ?? []).filter((i) => i.status === 'committed');
  if (committed.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="recent-h">
      <h2 id="recent-h">Recent imports</h2>
      <ul className="import-rows">
        {committed.map((i) => (
          <li key={i.id} className="import-row">
            <span className="date">{i.committedAt?.slice(0, 10)}</span>
            <span className="payee">{i.fileName ?? i.format.toUpperCase()}</span>
            <span className="amount">{i.counts.imported} added</span>
            <button type="button" onClick={() => undo.mutate(i.id)} disabled={undo.isPending}>
              Undo
            </button>
          </li>
        ))}
      </ul>
      {undo.isError ? <ErrorState error={undo.error} what="the undo" /> : null}
    </section>
  );
}
