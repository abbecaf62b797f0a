import type { JobQueue } from '@finsync/shared/queue';

/**
 * A change to the ledger (an edit, an import or its undo) changes the figures of stored reports: the worker
 * brings their summaries and PDFs in line. One job per user at a time (deduplicated); no queue, no job.
 */
export async function queueReportRefresh(queue: JobQueue | undefined, userId: string): Promise<void> {
  await queue?.enqueue('refresh-reports', { userId }, { dedupeId: `refresh-reports:${userId}` });
}
