import { useState } from 'react';
import { authErrorMessage } from './auth-error-message.ts';

/**
 * The busy flag and the error of an auth page's actions. `run` clears the error, runs the action and words its
 * failure: `describe` answers the message to show (null: none, the page handled it), authErrorMessage by default.
 */
export function useAuthAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(
    action: () => Promise<void>,
    describe: (error: unknown) => string | null = (e) => authErrorMessage(e),
  ): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}

/** A passkey prompt the user cancelled or let time out (the browser's NotAllowedError), worded with `otherwise`. */
export function passkeyCancelled(error: unknown, otherwise: string): string | null {
  return error instanceof Error && error.name === 'NotAllowedError'
    ? `The passkey request was cancelled or timed out. Try again, or ${otherwise}.`
    : null;
}
