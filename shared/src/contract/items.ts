import { z } from 'zod';
import { Item, SyncRun } from './accounts.ts';
import { Timestamp } from './common.ts';
import { text } from './text.ts';

const AppUrl = z.url({ protocol: /^https?$/ }).max(500);

/** A Link token for a new connection. Hosted Link returns a page URL (always used with the offline emulator). */
export const LinkTokenRequest = z.strictObject({
  hostedLink: z.boolean().optional(),
  /** Where Hosted Link sends the browser when done; must be on the web app's origin. */
  completionRedirectUri: AppUrl.optional(),
  /** OAuth redirect for Link in the browser; must be on the web app's origin. */
  redirectUri: AppUrl.optional(),
});

export const LinkTokenResponse = z.object({
  linkToken: z.string(),
  expiration: z.string(),
  hostedLinkUrl: z.string().nullable(),
  /** A Link script to load instead of Plaid's (the offline emulator's stand-in); null: Plaid's own. */
  linkScriptUrl: z.string().nullable(),
});

export const ExchangeRequest = z.strictObject({
  publicToken: text().trim().min(1).max(500),
  /** Sent by Link's metadata; informational only: the institution is read from Plaid. */
  institutionId: text().max(100).nullable().optional(),
  institutionName: text().max(200).nullable().optional(),
});

export const ExchangeResponse = z.object({ item: Item });

/** After Hosted Link sent the browser back: finish the session the link token started. */
export const HostedLinkCompleteRequest = z.strictObject({
  linkToken: text().trim().min(1).max(500),
});

/** The connection(s) the session added; `completedNow` is false when it was already finished. */
export const HostedLinkCompleteResponse = z.object({
  items: z.array(Item),
  completedNow: z.boolean(),
});

export const SyncQueued = z.object({
  jobId: z.string(),
  /** Pass as `since` to the progress stream to follow this sync even if it finishes first. */
  requestedAt: Timestamp,
});

export const SyncProgressQuery = z.object({ since: Timestamp.optional() });

/** `event: progress` of GET /items/:id/sync-progress (text/event-stream). */
export const SyncProgressEvent = z.object({
  itemId: z.uuid(),
  phase: z.enum(['fetching', 'saving', 'done']),
  pages: z.number().int(),
  transactions: z.number().int(),
  restarts: z.number().int(),
});

/** `event: history`: a sync finished but Plaid is still sending the connection's older history. */
export const SyncHistoryEvent = z.object({ run: SyncRun });

/** `event: outcome`, the last event of the stream: the finished run, or none when the item cannot sync. */
export const SyncOutcomeEvent = z.object({
  itemStatus: Item.shape.status,
  run: SyncRun.nullable(),
});
