import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Account, Item } from '../api/contract-types.ts';
import { accountBalance } from '../dashboard/net-worth.ts';
import { useMoney } from '../money/use-money.ts';
import { SyncProgress } from '../onboarding/sync-progress.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { ErrorState, QueryError } from '../ui/error-state.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { Skeleton } from '../ui/skeleton.tsx';
import { PlaidLinkLauncher } from './plaid-link-launcher.tsx';
import { useLinkBank } from './use-link-bank.ts';

const statusText: Record<Item['status'], { label: string; tone: 'ok' | 'bad' | ''; help?: string }> = {
  active: { label: 'Connected', tone: 'ok' },
  login_required: {
    label: 'Sign-in needed',
    tone: 'bad',
    help: 'Your bank wants you to sign in again before finsync can sync.',
  },
  pending_expiration: {
    label: 'Consent expiring',
    tone: 'bad',
    help: 'Sign in again soon to keep syncing.',
  },
  permission_revoked: {
    label: 'Access revoked',
    tone: 'bad',
    help: 'Access was revoked at your bank. Sign in again, or remove it.',
  },
  error: { label: 'Error', tone: 'bad', help: 'finsync will retry; sign in again if it keeps failing.' },
  removed: { label: 'Removed', tone: '' },
};

export default function ConnectionsPage() {
  const api = useApi();
  const items = useQuery({ queryKey: ['items'], queryFn: () => api.items.list() });
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: () => api.accounts.list() });
  return (
    <div className="stack">
      <PageHead title="Connections">
        <Link className="button primary" to="/onboarding">
          Link another bank
        </Link>
      </PageHead>
      <QueryError query={items} what="your connections" />
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
            <ConnectionCard
              key={item.id}
              item={item}
              accounts={accounts.data?.accounts.filter((a) => a.itemId === item.id)}
            />
          ))}
      </div>
    </div>
  );
}

/** "Checking", "Credit card", "Savings": the account's kind as a person says it. */
function accountKind(a: Pick<Account, 'type' | 'subtype'>): string {
  const words = (a.subtype ?? a.type).replaceAll('_', ' ');
  return words === 'credit card' || a.type === 'credit'
    ? 'Credit card'
    : words.charAt(0).toUpperCase() + words.slice(1);
}

function ConnectionCard({ item, accounts }: { item: Item; accounts: Account[] | undefined }) {
  const money = useMoney();
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
      {item.lastError && item.status !== 'active' ? (
        <p className="small muted">Last error: {item.lastError.message}</p>
      ) : null}
      {accounts && accounts.length > 0 ? (
        <ul className="plain" aria-label={`Accounts at ${name}`} data-item-accounts>
          {accounts.map((a) => {
            const balance = accountBalance(a);
            return (
              <li key={a.id}>
                <span>
                  {a.name}
                  {a.mask ? <span className="muted small"> ••{a.mask}</span> : null}
                  <span className="block small muted">{accountKind(a)}</span>
                </span>
                <span className="amount">
                  {balance.minor === null ? '—' : money(balance.minor, a.currency)}
                  {balance.label ? <span className="block small muted">owed</span> : null}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="row">
        {/* The actions that fit the status: a healthy bank syncs; one that needs its sign-in asks for it. */}
        {item.status === 'active' ? (
          <button type="button" onClick={() => sync.mutate()} disabled={sync.isPending}>
            Sync now
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={reauth.start}
            disabled={reauth.state.step === 'fetching-token' || reauth.state.step === 'exchanging'}
          >
            Sign in to {name} again
          </button>
        )}
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
