import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { PlaidLinkOnSuccessMetadata } from 'react-plaid-link';
import { useApi } from '../api/api-context.tsx';
import type { Item } from '../api/contract-types.ts';

export type LinkState =
  | { step: 'idle' }
  | { step: 'fetching-token' }
  | { step: 'link-open'; token: string }
  | { step: 'exchanging' }
  | { step: 'linked'; item: Item }
  | { step: 'error'; error: unknown };

/** The Link flow: link token from the API → Plaid Link → public token exchanged by the API. */
export function useLinkBank(updateItemId?: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LinkState>({ step: 'idle' });

  const start = useCallback(async () => {
    setState({ step: 'fetching-token' });
    try {
      const res = updateItemId ? await api.items.updateLinkToken(updateItemId) : await api.items.linkToken();
      setState({ step: 'link-open', token: res.linkToken });
    } catch (error) {
      setState({ step: 'error', error });
    }
  }, [api, updateItemId]);

  const startHosted = useCallback(async () => {
    setState({ step: 'fetching-token' });
    try {
      const completionRedirectUri = `${window.location.origin}/onboarding?hosted=done`;
      const res = await api.items.linkToken({ hostedLink: true, completionRedirectUri });
      if (!res.hostedLinkUrl)
        throw new Error('The server did not return a hosted Link page for this session.');
      window.location.assign(res.hostedLinkUrl);
    } catch (error) {
      setState({ step: 'error', error });
    }
  }, [api]);

  const onSuccess = useCallback(
    async (publicToken: string | null, metadata: PlaidLinkOnSuccessMetadata) => {
      if (updateItemId) {
        // Update mode repairs the existing item's login; there is no new public token to exchange.
        await queryClient.invalidateQueries({ queryKey: ['items'] });
        setState({ step: 'idle' });
        return;
      }
      if (!publicToken) {
        setState({ step: 'error', error: new Error('Plaid Link finished without a public token.') });
        return;
      }
      setState({ step: 'exchanging' });
      try {
        const res = await api.items.exchange({
          publicToken,
          institutionId: metadata.institution?.institution_id ?? null,
          institutionName: metadata.institution?.name ?? null,
        });
        const item = 'item' in res ? res.item : res;
        await queryClient.invalidateQueries({ queryKey: ['items'] });
        setState({ step: 'linked', item });
      } catch (error) {
        setState({ step: 'error', error });
      }
    },
    [api, queryClient, updateItemId],
  );

  const onExit = useCallback((message: string | null) => {
    setState(message ? { step: 'error', error: new Error(message) } : { step: 'idle' });
  }, []);

  return { state, start, startHosted, onSuccess, onExit };
}
