import { useEffect } from 'react';
import { type PlaidLinkOnSuccessMetadata, usePlaidLink } from 'react-plaid-link';
import { LINK_SCRIPT_FAILED } from './link-script-failed.ts';
import { ScriptLinkLauncher } from './script-link-launcher.tsx';

interface PlaidLinkLauncherProps {
  token: string;
  /** A script to load instead of Plaid's (offline: the emulator's); null loads Plaid's. */
  scriptUrl?: string | null;
  onSuccess: (publicToken: string | null, metadata: PlaidLinkOnSuccessMetadata) => void;
  onExit: (message: string | null) => void;
}

/** Opens Link as soon as its script is ready; mounted only once a link token exists. */
export function PlaidLinkLauncher({ scriptUrl, ...props }: PlaidLinkLauncherProps) {
  return scriptUrl ? (
    <ScriptLinkLauncher scriptUrl={scriptUrl} {...props} />
  ) : (
    <PlaidCdnLinkLauncher {...props} />
  );
}

/** Plaid's own script from Plaid, through react-plaid-link (sandbox, production). */
function PlaidCdnLinkLauncher({ token, onSuccess, onExit }: Omit<PlaidLinkLauncherProps, 'scriptUrl'>) {
  const { open, ready, error } = usePlaidLink({
    token,
    onSuccess,
    onExit: (err) => onExit(err ? (err.display_message ?? err.error_message) : null),
  });
  useEffect(() => {
    if (ready) open();
  }, [ready, open]);
  useEffect(() => {
    if (error) onExit(LINK_SCRIPT_FAILED);
  }, [error, onExit]);
  return (
    <p role="status" className="muted">
      {ready ? 'Plaid Link is open: choose your bank in the Plaid window.' : 'Opening Plaid Link…'}
    </p>
  );
}
