import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApi } from '../api/api-context.tsx';
import type { Item } from '../api/contract-types.ts';

/** The link token survives the trip to the hosted page in this tab only. */
const PENDING_TOKEN_KEY = 'finsync.hostedLinkToken';

export type HostedLinkState =
  | { step: 'idle' }
  | { step: 'opening' }
  | { step: 'completing' }
  | { step: 'linked'; item: Item }
  | { step: 'error'; error: unknown };

/**
 * Link through Plaid's Hosted Link page: the API's link token carries a return URL
 * (`/onboarding?hosted=done`); back here, the API finishes the session and queues the first sync.
 */
export function useHostedLink() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const returned = params.get('hosted') === 'done';
  const [state, setState] = useState<HostedLinkState>(returned ? { step: 'completing' } : { step: 'idle' });

  const open = useCallback(async () => {
    setState({ step: 'opening' });
    try {
      const res = await api.items.linkToken({
        hostedLink: true,
        completionRedirectUri: `${window.location.origin}/onboarding?hosted=done`,
      });
      if (!res.hostedLinkUrl) throw new Error('The hosted bank page is not available right now.');
      sessionStorage.setItem(PENDING_TOKEN_KEY, res.linkToken);
      window.location.assign(res.hostedLinkUrl);
    } catch (error) {
      setState({ step: 'error', error });
    }
  }, [api]);

  useEffect(() => {
    if (!returned) return;
    const linkToken = sessionStorage.getItem(PENDING_TOKEN_KEY);
    setParams({}, { replace: true });
    if (!linkToken) {
      setState({
        step: 'error',
        error: new Error('This tab did not start a bank link. Start again with “Use the hosted page”.'),
      });
      return;
    }
    // Finishing twice is harmless (the API makes one connection per link token), so no guard is needed.
    api.items
      .completeHostedLink(linkToken)
      .then(async (res) => {
        sessionStorage.removeItem(PENDING_TOKEN_KEY);
        await queryClient.invalidateQueries({ queryKey: ['items'] });
        await queryClient.invalidateQueries({ queryKey: ['accounts'] });
        const [item] = res.items;
        setState(
          item
            ? { step: 'linked', item }
            : { step: 'error', error: new Error('The bank link finished without a connection.') },
        );
      })
      .catch((error: unknown) => setState({ step: 'error', error }));
  }, [api, queryClient, returned, setParams]);

  return { state, open };
}
