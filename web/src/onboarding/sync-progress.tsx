import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../api/api-context.tsx';
import type { SyncRun } from '../api/contract-types.ts';
import { ErrorState } from '../ui/error-state.tsx';

/** The item's latest sync run, polled until it finishes, in words and as a progress bar. */
export function SyncProgress({ itemId, onDone }: { itemId: string; onDone?: (run: SyncRun) => void }) {
  const api = useApi();
  const runs = useQuery({
    queryKey: ['sync-runs', itemId],
    queryFn: () => api.items.syncRuns(itemId, 1),
    refetchInterval: (q) => {
      const run = q.state.data?.runs[0];
      return run && run.status !== 'running' ? false : 1000;
    },
  });
  const run = runs.data?.runs[0];
  const finished = run && run.status !== 'running' ? run : null;
  useEffect(() => {
    if (finished) onDone?.(finished);
  }, [finished, onDone]);
  if (runs.error)
    return <ErrorState error={runs.error} what="sync progress" onRetry={() => runs.refetch()} />;
  const received = run ? run.added + run.modified : 0;
  return (
    <div className="stack" data-sync-status={run?.status ?? 'waiting'}>
      <progress
        className="progress"
        aria-label="First sync"
        max={run?.status === 'running' || !run ? undefined : 1}
        value={run?.status === 'succeeded' ? 1 : undefined}
      />
      <p role="status" aria-live="polite">
        {!run ? 'Waiting for the first sync to start…' : null}
        {run?.status === 'running'
          ? `Syncing: ${run.pages} page${run.pages === 1 ? '' : 's'} read, ${received.toLocaleString()} transactions so far.`
          : null}
        {run?.status === 'succeeded' ? `Done: ${run.added.toLocaleString()} transactions imported.` : null}
        {run?.status === 'failed'
          ? `The sync stopped: ${run.error?.message ?? 'unknown error'}. finsync will retry; you can also try from Connections.`
          : null}
      </p>
    </div>
  );
}
