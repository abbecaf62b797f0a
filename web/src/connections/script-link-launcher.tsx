import { useEffect } from 'react';
import type { PlaidHandler, PlaidLinkOnSuccessMetadata } from 'react-plaid-link';
import { LINK_SCRIPT_FAILED } from './link-script-failed.ts';

const loaded = new Map<string, Promise<void>>();

/** Loads a script once per URL; a failed load may be tried again. */
function loadScript(url: string): Promise<void> {
  const known = loaded.get(url);
  if (known) return known;
  const loading = new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      loaded.delete(url);
      reject(new Error(`could not load ${url}`));
    };
    document.head.appendChild(script);
  });
  loaded.set(url, loading);
  return loading;
}

/**
 * Link from the script the API names instead of Plaid's (offline: the emulator's link-initialize.js, which
 * offers the same `Plaid.create` as Plaid's); opened as soon as it has loaded.
 */
export function ScriptLinkLauncher({
  token,
  scriptUrl,
  onSuccess,
  onExit,
}: {
  token: string;
  scriptUrl: string;
  onSuccess: (publicToken: string | null, metadata: PlaidLinkOnSuccessMetadata) => void;
  onExit: (message: string | null) => void;
}) {
  useEffect(() => {
    let handler: PlaidHandler | undefined;
    let cancelled = false;
    loadScript(scriptUrl)
      .then(() => {
        if (cancelled) return;
        // The script defines window.Plaid (react-plaid-link types it).
        if (!window.Plaid) throw new Error('the Link script did not define Plaid');
        handler = window.Plaid.create({
          token,
          onSuccess,
          onExit: (error) => onExit(error ? (error.display_message ?? error.error_message ?? null) : null),
        });
        handler.open();
      })
      .catch(() => {
        if (!cancelled) onExit(LINK_SCRIPT_FAILED);
      });
    return () => {
      cancelled = true;
      handler?.destroy();
    };
  }, [token, scriptUrl, onSuccess, onExit]);
  return (
    <p role="status" className="muted">
      Opening the bank link…
    </p>
  );
}
