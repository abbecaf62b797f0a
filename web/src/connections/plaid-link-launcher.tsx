import { useEffect } from 'react';
import { type PlaidLinkOnSuccessMetadata, usePlaidLink } from 'react-plaid-link';

interface PlaidLinkLauncherProps {
  token: string;
  onSuccess: (publicToken: string | null, metadata: PlaidLinkOnSuccessMetadata) => void;
  onExit: (message: string | null) => void;
}

/** Opens Plaid Link as soon as its script is ready; mounted only once a link token exists. */
export function PlaidLinkLauncher({ token, onSuccess, onExit }: PlaidLinkLauncherProps) {
  const { open, ready, error } = usePlaidLink({
    token,
    onSuccess,
    onExit: (err) => onExit(err ? (err.display_message ?? err.error_message) : null),
  });
  useEffect(() => {
    if (ready) open();
  }, [ready, open]);
  useEffect(() => {
    if (error) onExit('Plaid Link could not load. Check your connection, or use the hosted page instead.');
  }, [error, onExit]);
  return (
    <p role="status" className="muted">
      {ready ? 'Plaid Link is open: choose your bank in the Plaid window.' : 'Opening Plaid Link…'}
    </p>
  );
}
