import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { NotificationKey } from '../api/contract-types.ts';
import { notificationLabels } from '../settings/settings-page.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';

/**
 * An email's unsubscribe link lands here, signed in or not: one click stops that kind of email (the link's
 * signed token is the credential) and the page says what stopped and where to turn it back on.
 */
export default function UnsubscribePage() {
  useDocumentTitle('Unsubscribe');
  const api = useApi();
  const [params] = useSearchParams();
  const [state, setState] = useState<'working' | 'done' | 'failed'>('working');
  const sent = useRef(false);
  const kind = params.get('kind') ?? '';
  const label = notificationLabels[kind as NotificationKey];

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    api.notifications
      .unsubscribe({ u: params.get('u') ?? '', kind, t: params.get('t') ?? '' })
      .then(() => setState('done'))
      .catch(() => setState('failed'));
  }, [api, params, kind]);

  return (
    <div className="auth-page">
      <div className="card stack" style={{ maxWidth: 480 }}>
        {state === 'working' ? (
          <p role="status">Unsubscribing…</p>
        ) : state === 'done' ? (
          <>
            <h1>You are unsubscribed</h1>
            <p role="status" data-unsubscribed={kind}>
              finsync will no longer email you about: {label ?? kind}.
            </p>
            <p>
              You can turn it back on at any time in{' '}
              <Link to="/settings/notifications">your notification settings</Link>.
            </p>
          </>
        ) : (
          <>
            <h1>This unsubscribe link did not work</h1>
            <p role="alert">
              It is not valid or has expired. Sign in and choose what finsync emails you about in{' '}
              <Link to="/settings/notifications">your notification settings</Link>.
            </p>
          </>
        )}
      </div>
    </div>
  );
}
