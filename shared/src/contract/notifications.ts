import { z } from 'zod';
import { NotificationKey } from './settings.ts';
import { text } from './text.ts';

/** The one-click unsubscribe link of an email: who, which emails, and the signed token proving it is ours. */
export const UnsubscribeQuery = z.strictObject({
  u: z.uuid(),
  kind: NotificationKey,
  t: text().min(1).max(200),
});

export const Unsubscribed = z.object({ kind: NotificationKey, unsubscribed: z.literal(true) });
