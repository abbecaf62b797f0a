import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { PlaidLinkOnSuccessMetadata } from 'react-plaid-link';
import { useApi } from '../api/api-context.tsx';
import type { Item } from '../api/contract-types.ts';

export type LinkState =
  | { step: 'idle' }
  | { step: 'fetching-token' }
  | { step: 'link-open'; token: string; scriptUrl: string | null }
  | { step: 'exchanging' }
  | { step: 'linked'; item: Item }
  | { step: 'repaired'; item: Item }
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
      setState({ step: 'link-open', token: res.linkToken, scriptUrl: res.linkScriptUrl });
    } catch (error) {
      setState({ step: 'error', error });
    }
  }, [api, updateItemId]);

  const onSuccess = useCallback(
    async (publicToken: string | null, metadata: PlaidLinkOnSuccessMetadata) => {
      if (updateItemId) {
        // Update mode repairs the existing item's login: no token to exchange, the API marks it active again.
        setState({ step: 'exchanging' });
        try {
          const item = await api.items.repaired(updateItemId);
          await queryClient.invalidateQueries({ queryKey: ['items'] });
          setState({ step: 'repaired', item });
        } catch (error) {
          setState({ step: 'error', error });
        }
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
        await queryClient.invalidateQueries({ queryKey: ['items'] });
        await queryClient.invalidateQueries({ queryKey: ['accounts'] });
        setState({ step: 'linked', item: res.item });
      } catch (error) {
        setState({ step: 'error', error });
      }
    },
    [api, queryClient, updateItemId],
  );

  const onExit = useCallback((message: string | null) => {
    setState(message ? { step: 'error', error: new Error(message) } : { step: 'idle' });
  }, []);

  return { state, start, onSuccess, onExit };
}
