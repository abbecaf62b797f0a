import { createContext, type ReactNode, useContext } from 'react';
import type { FinsyncApi } from './finsync-api.ts';

const ApiContext = createContext<FinsyncApi | null>(null);

export function ApiProvider({ api, children }: { api: FinsyncApi; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): FinsyncApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
