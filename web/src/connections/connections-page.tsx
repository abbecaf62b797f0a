import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Item } from '../api/contract-types.ts';
import { SyncProgress } from '../onboarding/sync-progress.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState } from '../ui/error-state.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { PlaidLinkLauncher } from './plaid-link-launcher.tsx';
import { useLinkBank } from './use-link-bank.ts';

const statusText: Record<Item['status'], { label: string; tone: 'ok' | 'bad' | ''; help?: string }> = {
  active: { label: 'Connected', tone: 'ok' },
  login_required: {
    label: 'Sign-in needed',
    tone: 'bad',
    help: 'Your bank wants you to sign in again. Use Re-authenticate.',
  },
  pending_expiration: {
    label: 'Consent expiring',
    tone: 'bad',
    help: 'Re-authenticate soon to keep syncing.',
  },
  permission_revoked: {
    label: 'Access revoked',
    tone: 'bad',
    help: 'Access was revoked at your bank. Re-authenticate or remove.',
  },
  error: { label: 'Error', tone: 'bad', help: 'finsync will retry; re-authenticate if it persists.' },
  removed: { label: 'Removed', tone: '' },
};

export default function ConnectionsPage() {
  useDocumentTitle('Connections');
  const api = useApi();
  const items = useQuery({ queryKey: ['items'], queryFn: () => api.items.list() });
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Connections</h1>
        <Link className="button primary" to="/onboarding">
          Link another bank
        </Link>
      </div>
      {items.error ? (
        <ErrorState error={items.error} what="your connections" onRetry={() => items.refetch()} />
      ) : null}
      {items.isPending ? <Skeleton height={160} label="Loading connections" /> : null}
      {items.data && items.data.items.length === 0 ? (
        <div className="card">
          <EmptyState title="No banks linked">
            <p>
              <Link to="/onboarding">Link your first bank</Link> to start syncing transactions.
            </p>
          </EmptyState>
        </div>
      ) : null}
      <div className="grid">
        {items.data?.items
          .filter((i) => i.status !== 'removed')
          .map((item) => (
            <ConnectionCard key={item.id} item={item} />
          ))}
      </div>
    </div>
  );
}

function ConnectionCard({ item }: { item: Item }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const reauth = useLinkBank(item.id);
  const status = statusText[item.status];
  const name = item.institutionName ?? 'Bank';
  const remove = useMutation({
    mutationFn: () => api.items.remove(item.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['items'] }),
  });
  const sync = useMutation({ mutationFn: () => api.items.syncNow(item.id) });
  return (
    <section className="card stack" aria-labelledby={`item-${item.id}`} data-item-status={item.status}>
      <h2 id={`item-${item.id}`}>{name}</h2>
      <p>
        <span className={`badge ${status.tone}`}>{status.label}</span>{' '}
        <span className="muted small">
          {item.lastSyncedAt
            ? `Last synced ${new Date(item.lastSyncedAt).toLocaleString()}`
            : 'Not synced yet'}
        </span>
      </p>
      {status.help ? <p className="small">{status.help}</p> : null}
      {item.lastError ? <p className="small muted">Last error: {item.lastError.message}</p> : null}
      <div className="row">
        <button
          type="button"
          onClick={() => sync.mutate()}
          disabled={sync.isPending || item.status !== 'active'}
        >
          Sync now
        </button>
        <button
          type="button"
          onClick={reauth.start}
          disabled={reauth.state.step === 'fetching-token' || reauth.state.step === 'exchanging'}
        >
          Re-authenticate
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(`Remove ${name}? finsync stops syncing it and deletes its access at Plaid.`))
              remove.mutate();
          }}
          disabled={remove.isPending}
        >
          Remove
        </button>
      </div>
      {reauth.state.step === 'link-open' ? (
        <PlaidLinkLauncher
          token={reauth.state.token}
          scriptUrl={reauth.state.scriptUrl}
          onSuccess={reauth.onSuccess}
          onExit={reauth.onExit}
        />
      ) : null}
      {reauth.state.step === 'exchanging' ? <p role="status">Reconnecting…</p> : null}
      {reauth.state.step === 'repaired' ? (
        <p role="status" className="small">
          Signed in again. finsync is catching up on what it missed.
        </p>
      ) : null}
      {sync.data ? (
        <SyncProgress
          key={sync.data.requestedAt}
          itemId={item.id}
          since={sync.data.requestedAt}
          onDone={() => void queryClient.invalidateQueries({ queryKey: ['items'] })}
        />
      ) : null}
      {reauth.state.step === 'error' ? (
        <ErrorState error={reauth.state.error} what="re-authentication" />
      ) : null}
      {sync.error ? <ErrorState error={sync.error} what="the sync" /> : null}
      {remove.error ? <ErrorState error={remove.error} what="the removal" /> : null}
    </section>
  );
}
