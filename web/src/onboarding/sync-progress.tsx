import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { SyncOutcomeEvent, SyncProgressEvent, SyncRun } from '../api/contract-types.ts';

type StreamState =
  | { kind: 'waiting' }
  | { kind: 'progress'; progress: SyncProgressEvent }
  | { kind: 'history'; imported: number }
  | { kind: 'outcome'; outcome: SyncOutcomeEvent }
  | { kind: 'lost' };

/**
 * Live progress of an item's sync from the API's event stream: `progress` events while pages arrive,
 * then one `outcome`. `since` follows the sync started at or after that moment, even if it already ended.
 */
export function SyncProgress({
  itemId,
  since,
  onDone,
}: {
  itemId: string;
  since?: string | undefined;
  onDone?: (run: SyncRun | null) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>({ kind: 'waiting' });
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  // Transactions of the syncs that brought the first 30 days, before the history arrived.
  const [earlier, setEarlier] = useState(0);

  useEffect(() => {
    const source = new EventSource(api.items.syncProgressUrl(itemId, since), { withCredentials: true });
    let finished = false;
    let imported = 0;
    source.addEventListener('history', (event) => {
      const { run } = JSON.parse((event as MessageEvent<string>).data) as { run: SyncRun };
      imported += run.added;
      setEarlier(imported);
      setState({ kind: 'history', imported });
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
    });
    source.addEventListener('progress', (event) => {
      setState({ kind: 'progress', progress: JSON.parse((event as MessageEvent<string>).data) });
    });
    source.addEventListener('outcome', (event) => {
      finished = true;
      source.close();
      const outcome = JSON.parse((event as MessageEvent<string>).data) as SyncOutcomeEvent;
      setState({ kind: 'outcome', outcome });
      void queryClient.invalidateQueries({ queryKey: ['items'] });
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void queryClient.invalidateQueries({ queryKey: ['transactions'] });
      onDoneRef.current?.(outcome.run);
    });
    // The browser reconnects by itself after a dropped connection; a closed stream means it gave up.
    source.onerror = () => {
      if (!finished && source.readyState === EventSource.CLOSED) setState({ kind: 'lost' });
    };
    return () => source.close();
  }, [api, itemId, since, queryClient]);

  const run = state.kind === 'outcome' ? state.outcome.run : null;
  const status =
    state.kind === 'outcome'
      ? run
        ? run.status
        : 'unavailable'
      : state.kind === 'lost'
        ? 'lost'
        : state.kind === 'progress' || state.kind === 'history'
          ? 'running'
          : 'waiting';
  return (
    <div className="stack" data-sync-status={status}>
      <progress
        className="progress"
        aria-label="Sync progress"
        max={1}
        value={state.kind === 'outcome' ? 1 : undefined}
      />
      <p role="status" aria-live="polite">
        {state.kind === 'waiting' ? 'Waiting for the sync to start…' : null}
        {state.kind === 'progress'
          ? state.progress.phase === 'done'
            ? `Finishing: ${state.progress.transactions.toLocaleString()} transactions received.`
            : `${state.progress.phase === 'saving' ? 'Saving' : 'Reading from your bank'}: ${state.progress.pages} page${state.progress.pages === 1 ? '' : 's'}, ${state.progress.transactions.toLocaleString()} transactions so far.`
          : null}
        {state.kind === 'history'
          ? `${state.imported.toLocaleString()} transactions from the last 30 days are in. Your bank is still sending your older history; this can take a few minutes.`
          : null}
        {run?.status === 'succeeded'
          ? `Done: ${(earlier + run.added).toLocaleString()} transactions imported${run.modified ? `, ${run.modified.toLocaleString()} updated` : ''}.`
          : null}
        {run?.status === 'failed'
          ? `The sync stopped: ${run.error?.message ?? 'unknown error'}. finsync will retry; you can also sync again from Connections.`
          : null}
        {run?.status === 'abandoned'
          ? 'The sync was interrupted (the process running it stopped). finsync picks it up again; you can also sync again from Connections.'
          : null}
        {state.kind === 'outcome' && !run
          ? 'This connection cannot sync right now. Open Connections to sign in to your bank again.'
          : null}
        {state.kind === 'lost'
          ? 'Lost contact with the sync. It carries on in the background; check Connections in a minute.'
          : null}
      </p>
    </div>
  );
}
