import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import { PlaidLinkLauncher } from '../connections/plaid-link-launcher.tsx';
import { useLinkBank } from '../connections/use-link-bank.ts';
import { ErrorState } from '../ui/error-state.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { FirstRun } from './first-run.tsx';
import { SyncProgress } from './sync-progress.tsx';
import { useHostedLink } from './use-hosted-link.ts';

export default function OnboardingPage() {
  useDocumentTitle('Link your bank');
  const link = useLinkBank();
  const [done, setDone] = useState(false);
  const hosted = useHostedLink();
  const api = useApi();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.settings.get() });
  // The guided first run follows the first link only while it is not done (shown once).
  const firstRunPending = settings.data?.firstRunDone === false;
  const linkedItem =
    link.state.step === 'linked'
      ? link.state.item
      : hosted.state.step === 'linked'
        ? hosted.state.item
        : undefined;
  const busy =
    link.state.step === 'fetching-token' ||
    link.state.step === 'link-open' ||
    link.state.step === 'exchanging' ||
    hosted.state.step === 'opening' ||
    hosted.state.step === 'completing';

  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <h1>Link your bank</h1>
      {!linkedItem ? (
        <section className="card stack" aria-labelledby="link-h">
          <h2 id="link-h">1. Connect securely through Plaid</h2>
          <p>
            finsync reads your transactions and balances through Plaid. Your bank password goes to Plaid,
            never to finsync, and you can disconnect at any time from Connections.
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={link.start} disabled={busy}>
              Link a bank
            </button>
            <button type="button" onClick={hosted.open} disabled={busy}>
              Use the hosted page
            </button>
          </div>
          <p className="field-hint">
            The hosted page opens Plaid in this tab and brings you back here when you are done.
          </p>
          {link.state.step === 'link-open' ? (
            <PlaidLinkLauncher
              token={link.state.token}
              scriptUrl={link.state.scriptUrl}
              onSuccess={link.onSuccess}
              onExit={link.onExit}
            />
          ) : null}
          {link.state.step === 'exchanging' ? <p role="status">Connecting your accounts…</p> : null}
          {link.state.step === 'error' ? <ErrorState error={link.state.error} what="the bank link" /> : null}
          {hosted.state.step === 'completing' ? <p role="status">Connecting your accounts…</p> : null}
          {hosted.state.step === 'error' ? (
            <ErrorState error={hosted.state.error} what="the bank link" />
          ) : null}
        </section>
      ) : (
        <section className="card stack" aria-labelledby="sync-h">
          <h2 id="sync-h">2. Importing your transactions</h2>
          <p>
            Linked {linkedItem.institutionName ?? 'your bank'}. finsync is reading your history now; this
            takes a moment the first time.
          </p>
          {/* The first sync is queued by the exchange, so it starts after the connection was stored. */}
          <SyncProgress itemId={linkedItem.id} since={linkedItem.createdAt} onDone={() => setDone(true)} />
          {done && !firstRunPending ? (
            <Link className="button primary" to="/">
              Go to your dashboard
            </Link>
          ) : null}
        </section>
      )}
      {linkedItem && done && firstRunPending && settings.data ? <FirstRun settings={settings.data} /> : null}
    </div>
  );
}
