import type { ApiClient } from './api-client.ts';
import type {
  AccountList,
  BalanceHistory,
  BulkTransactionResult,
  CategoryList,
  ChangePasswordRequest,
  DashboardSummary,
  DeleteAccountRequest,
  Item,
  ItemList,
  LoginRequest,
  MfaEnrolResponse,
  SessionResponse,
  Settings,
  SettingsPatch,
  SignupRequest,
  SyncRunList,
  Transaction,
  TransactionListQuery,
  TransactionPage,
  TransactionPatch,
  User,
} from './contract-types.ts';

/** Shapes the shared contract does not define yet; kept to what Plaid's Link flow needs. */
export interface LinkTokenResponse {
  linkToken: string;
  expiration?: string;
  /** Present when the server asked Plaid (or the emulator) for a Hosted Link session. */
  hostedLinkUrl?: string | null;
}

export interface ExchangeRequest {
  publicToken: string;
  institutionId?: string | null;
  institutionName?: string | null;
}

/** Every path the SPA calls, in one place, so a change in the API is a change here only. */
export function createFinsyncApi(client: ApiClient) {
  return {
    client,
    auth: {
      signup: (body: SignupRequest) =>
        client.post<SessionResponse>('/auth/signup', body, { skipRefresh: true }),
      login: (body: LoginRequest) => client.post<SessionResponse>('/auth/login', body, { skipRefresh: true }),
      logout: () => client.post<unknown>('/auth/logout', undefined, { skipRefresh: true }),
      me: () => client.get<{ user: User }>('/auth/me'),
      csrf: () => client.get<{ csrfToken: string }>('/auth/csrf'),
      changePassword: (body: ChangePasswordRequest) => client.post<unknown>('/auth/password', body),
      mfaEnrol: () => client.post<MfaEnrolResponse>('/auth/mfa/enrol'),
      mfaVerify: (code: string) => client.post<unknown>('/auth/mfa/verify', { code }),
      mfaDisable: (password: string, code: string) =>
        client.post<unknown>('/auth/mfa/disable', { password, code }),
      deleteAccount: (body: DeleteAccountRequest) => client.delete<unknown>('/auth/account', body),
    },
    items: {
      list: () => client.get<ItemList>('/items'),
      linkToken: (options: { hostedLink?: boolean; completionRedirectUri?: string } = {}) =>
        client.post<LinkTokenResponse>('/items/link-token', options),
      updateLinkToken: (itemId: string) => client.post<LinkTokenResponse>(`/items/${itemId}/link-token`),
      exchange: (body: ExchangeRequest) => client.post<{ item: Item } | Item>('/items/exchange', body),
      remove: (itemId: string) => client.delete<unknown>(`/items/${itemId}`),
      syncNow: (itemId: string) => client.post<unknown>(`/items/${itemId}/sync`),
      syncRuns: (itemId: string, limit = 5) =>
        client.get<SyncRunList>(`/items/${itemId}/sync-runs`, { query: { limit } }),
    },
    accounts: {
      list: () => client.get<AccountList>('/accounts'),
      balanceHistory: (accountId: string, from?: string, to?: string) =>
        client.get<BalanceHistory>(`/accounts/${accountId}/balances`, { query: { from, to } }),
    },
    transactions: {
      list: (query: TransactionListQuery, signal?: AbortSignal) =>
        client.get<TransactionPage>('/transactions', { query: { ...query }, signal }),
      get: (id: string) => client.get<Transaction>(`/transactions/${id}`),
      patch: (id: string, patch: TransactionPatch) => client.patch<Transaction>(`/transactions/${id}`, patch),
      bulkUpdate: (ids: string[], patch: TransactionPatch) =>
        client.post<BulkTransactionResult>('/transactions/bulk', { ids, patch }),
    },
    categories: {
      list: () => client.get<CategoryList>('/categories'),
    },
    dashboard: {
      summary: (from: string, to: string, signal?: AbortSignal) =>
        client.get<DashboardSummary>('/dashboard/summary', { query: { from, to }, signal }),
    },
    settings: {
      get: () => client.get<Settings>('/settings'),
      update: (patch: SettingsPatch) => client.patch<Settings>('/settings', patch),
    },
    exportData: (format: 'csv' | 'json') => client.download('/export', { format }),
  };
}

export type FinsyncApi = ReturnType<typeof createFinsyncApi>;
