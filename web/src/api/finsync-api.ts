import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type { ApiClient } from './api-client.ts';
import type {
  AccountList,
  BalanceHistory,
  BankRecurringCheck,
  Budget,
  BudgetCreate,
  BudgetMonthView,
  BudgetPatch,
  BudgetSuggestionList,
  BulkTransactionResult,
  Category,
  CategoryCreate,
  CategoryDeleted,
  CategoryExplanation,
  CategoryList,
  CategoryPatch,
  ChangePasswordRequest,
  DashboardSummary,
  DeleteAccountRequest,
  ExchangeRequest,
  ExchangeResponse,
  Goal,
  GoalCreate,
  GoalList,
  GoalPatch,
  HostedLinkCompleteResponse,
  ImportList,
  ImportPatch,
  ImportPreview,
  Item,
  ItemList,
  LinkTokenRequest,
  LinkTokenResponse,
  LoginRequest,
  MfaEnrolResponse,
  MfaPasskeyEnabled,
  NetWorthHistory,
  PasskeyList,
  PasswordResetConfirm,
  PeriodSummary,
  RecurringCreate,
  RecurringPatch,
  RecurringView,
  Report,
  ReportList,
  ReportQueued,
  ReportRequest,
  Rule,
  RuleApplyResult,
  RuleCreate,
  RuleList,
  RulePatch,
  RulePreview,
  RuleRunList,
  RuleSuggestionList,
  SavedFilter,
  SavedFilterCreate,
  SavedFilterList,
  SavedFilterPatch,
  SessionList,
  SessionProbeResponse,
  SessionResponse,
  SessionsRevoked,
  Settings,
  SettingsPatch,
  SignupAccepted,
  SignupRequest,
  SplitsReplace,
  StatementImport,
  SyncQueued,
  SyncRunList,
  Transaction,
  TransactionListQuery,
  TransactionPage,
  TransactionPatch,
  TransactionSplits,
  TransactionTotals,
  Unsubscribed,
  User,
} from './contract-types.ts';

/** Every path the SPA calls, in one place, so a change in the API is a change here only. */
export function createFinsyncApi(client: ApiClient) {
  return {
    client,
    auth: {
      signup: (body: SignupRequest) =>
        client.post<SignupAccepted>('/auth/signup', body, { skipRefresh: true }),
      confirmSignup: (token: string) =>
        client.post<SessionResponse>('/auth/signup/confirm', { token }, { skipRefresh: true }),
      login: (body: Omit<LoginRequest, 'passkey'> & { passkey?: AuthenticationResponseJSON }) =>
        client.post<SessionResponse>('/auth/login', body, { skipRefresh: true }),
      logout: () => client.post<unknown>('/auth/logout', undefined, { skipRefresh: true }),
      me: () => client.get<{ user: User }>('/auth/me'),
      session: () => client.get<SessionProbeResponse>('/auth/session'),
      refresh: () => client.post<SessionResponse>('/auth/refresh', {}, { skipRefresh: true }),
      csrf: () => client.get<{ csrfToken: string }>('/auth/csrf'),
      changePassword: (body: ChangePasswordRequest) => client.post<unknown>('/auth/password', body),
      mfaEnrol: () => client.post<MfaEnrolResponse>('/auth/mfa/enrol'),
      mfaVerify: (code: string) =>
        client.post<{ ok: true; recoveryCodes: string[] }>('/auth/mfa/verify', { code }),
      mfaDisable: (password: string, code: string) =>
        client.post<unknown>('/auth/mfa/disable', { password, code }),
      replaceRecoveryCodes: (password: string, code: string) =>
        client.post<{ recoveryCodes: string[] }>('/auth/mfa/recovery-codes', { password, code }),
      deleteAccount: (body: DeleteAccountRequest) => client.delete<unknown>('/auth/account', body),
      sessions: () => client.get<SessionList>('/auth/sessions'),
      passkeys: () => client.get<PasskeyList>('/auth/passkeys'),
      passkeyRegisterOptions: () =>
        client.post<PublicKeyCredentialCreationOptionsJSON>('/auth/passkeys/register/options'),
      passkeyRegister: (body: { response: RegistrationResponseJSON; name?: string }) =>
        client.post<PasskeyList>('/auth/passkeys/register', body),
      passkeyRemove: (id: string) => client.delete<unknown>(`/auth/passkeys/${id}`),
      passkeyLoginOptions: () =>
        client.post<PublicKeyCredentialRequestOptionsJSON>('/auth/passkeys/login/options', undefined, {
          skipRefresh: true,
        }),
      /** Turns "require a passkey after my password" on; answers recovery codes when the account had none. */
      mfaPasskeyEnable: (body: { password: string; passkey: AuthenticationResponseJSON }) =>
        client.post<MfaPasskeyEnabled>('/auth/mfa/passkey/enable', body),
      mfaPasskeyDisable: (body: { password: string; passkey: AuthenticationResponseJSON }) =>
        client.post<unknown>('/auth/mfa/passkey/disable', body),
      mfaPasskeyRecoveryCodes: (body: { password: string; passkey: AuthenticationResponseJSON }) =>
        client.post<{ recoveryCodes: string[] }>('/auth/mfa/passkey/recovery-codes', body),
      passkeyLogin: (response: AuthenticationResponseJSON) =>
        client.post<SessionResponse>('/auth/passkeys/login', { response }, { skipRefresh: true }),
      requestPasswordReset: (email: string) =>
        client.post<unknown>('/auth/password-reset', { email }, { skipRefresh: true }),
      confirmPasswordReset: (
        body: Omit<PasswordResetConfirm, 'passkey'> & { passkey?: AuthenticationResponseJSON },
      ) => client.post<unknown>('/auth/password-reset/confirm', body, { skipRefresh: true }),
      signOutSession: (id: string) => client.delete<SessionsRevoked>(`/auth/sessions/${id}`),
      signOutOthers: () => client.post<SessionsRevoked>('/auth/sessions/sign-out-others'),
    },
    items: {
      list: () => client.get<ItemList>('/items'),
      linkToken: (body: LinkTokenRequest = {}) => client.post<LinkTokenResponse>('/items/link-token', body),
      /** Update mode: the same connection, signed in to again. */
      updateLinkToken: (itemId: string, body: LinkTokenRequest = {}) =>
        client.post<LinkTokenResponse>(`/items/${itemId}/link-token`, body),
      /** After update mode succeeded: the connection is active again and a catch-up sync is queued. */
      repaired: (itemId: string) => client.post<Item>(`/items/${itemId}/repaired`),
      exchange: (body: ExchangeRequest) => client.post<ExchangeResponse>('/items/exchange', body),
      completeHostedLink: (linkToken: string) =>
        client.post<HostedLinkCompleteResponse>('/items/hosted-link/complete', { linkToken }),
      remove: (itemId: string) => client.delete<{ ok: true }>(`/items/${itemId}`),
      syncNow: (itemId: string) => client.post<SyncQueued>(`/items/${itemId}/sync`),
      syncRuns: (itemId: string, limit = 5) =>
        client.get<SyncRunList>(`/items/${itemId}/sync-runs`, { query: { limit } }),
      /** Server-Sent Events URL: `progress` events, then one `outcome`. */
      syncProgressUrl: (itemId: string, since?: string) =>
        client.url(`/items/${itemId}/sync-progress`, { since }),
    },
    accounts: {
      list: () => client.get<AccountList>('/accounts'),
      balanceHistory: (accountId: string, from?: string, to?: string) =>
        client.get<BalanceHistory>(`/accounts/${accountId}/balances`, { query: { from, to } }),
    },
    goals: {
      list: () => client.get<GoalList>('/goals'),
      create: (body: GoalCreate) => client.post<Goal>('/goals', body),
      update: (id: string, patch: GoalPatch) => client.patch<Goal>(`/goals/${id}`, patch),
      remove: (id: string) => client.delete<{ ok: true }>(`/goals/${id}`),
    },
    savedFilters: {
      list: () => client.get<SavedFilterList>('/saved-filters'),
      create: (body: SavedFilterCreate) => client.post<SavedFilter>('/saved-filters', body),
      rename: (id: string, patch: Pick<SavedFilterPatch, 'name'>) =>
        client.patch<SavedFilter>(`/saved-filters/${id}`, patch),
      remove: (id: string) => client.delete<{ ok: true }>(`/saved-filters/${id}`),
    },
    netWorth: {
      history: (range: { from?: string; to?: string } = {}) =>
        client.get<NetWorthHistory>('/net-worth', { query: range }),
    },
    recurring: {
      view: (days = 30) => client.get<RecurringView>('/recurring', { query: { days } }),
      decide: (id: string, patch: RecurringPatch) => client.patch<unknown>(`/recurring/${id}`, patch),
      create: (body: RecurringCreate) => client.post<unknown>('/recurring', body),
      bank: () => client.get<BankRecurringCheck>('/recurring/bank'),
      remove: (id: string) => client.delete<{ ok: true }>(`/recurring/${id}`),
    },
    budgets: {
      /** A month ('YYYY-MM'), or this month in the user's zone. */
      month: (month?: string) => client.get<BudgetMonthView>('/budgets', { query: { month } }),
      create: (body: BudgetCreate) => client.post<Budget>('/budgets', body),
      update: (id: string, patch: BudgetPatch) => client.patch<Budget>(`/budgets/${id}`, patch),
      remove: (id: string) => client.delete<{ ok: true }>(`/budgets/${id}`),
      copyLastMonth: (month: string) =>
        client.post<{ copied: number }>('/budgets/copy-last-month', { month }),
      suggestions: (month: string) =>
        client.get<BudgetSuggestionList>('/budgets/suggestions', { query: { month } }),
    },
    imports: {
      /** multipart form: `file` plus `accountId` or the new manual account's fields. */
      upload: (form: FormData) => client.post<ImportPreview>('/imports', form),
      list: () => client.get<ImportList>('/imports'),
      get: (id: string) => client.get<ImportPreview>(`/imports/${id}`),
      patch: (id: string, patch: ImportPatch) => client.patch<ImportPreview>(`/imports/${id}`, patch),
      commit: (id: string, acceptSuspects: number[]) =>
        client.post<StatementImport>(`/imports/${id}/commit`, { acceptSuspects }),
      undo: (id: string) => client.delete<{ ok: true; removed: number }>(`/imports/${id}`),
    },
    transactions: {
      list: (query: TransactionListQuery, signal?: AbortSignal) =>
        client.get<TransactionPage>('/transactions', { query: { ...query }, signal }),
      /** How many transactions the filters match and their amounts summed per currency. */
      totals: (query: Omit<TransactionListQuery, 'limit' | 'cursor'>) =>
        client.get<TransactionTotals>('/transactions/totals', { query: { ...query } }),
      get: (id: string) => client.get<Transaction>(`/transactions/${id}`),
      patch: (id: string, patch: TransactionPatch) => client.patch<Transaction>(`/transactions/${id}`, patch),
      /** Undoes the latest move of the transaction to `categoryId`, exactly (lock and review flag too). */
      undoCategory: (id: string, categoryId: string | null) =>
        client.post<Transaction>(`/transactions/${id}/category/undo`, { categoryId }),
      bulkUpdate: (ids: string[], patch: TransactionPatch) =>
        client.post<BulkTransactionResult>('/transactions/bulk', { ids, patch }),
      explanation: (id: string) => client.get<CategoryExplanation>(`/transactions/${id}/explanation`),
      splits: (id: string) => client.get<TransactionSplits>(`/transactions/${id}/splits`),
      /** Replaces the parts (none: unsplit); they must add up to the amount exactly. */
      split: (id: string, splits: SplitsReplace['splits']) =>
        client.put<TransactionSplits>(`/transactions/${id}/splits`, { splits }),
    },
    categories: {
      list: () => client.get<CategoryList>('/categories'),
      create: (body: CategoryCreate) => client.post<Category>('/categories', body),
      update: (id: string, patch: CategoryPatch) => client.patch<Category>(`/categories/${id}`, patch),
      /** Its transactions move to `reassignTo`, or to review when null. */
      remove: (id: string, reassignTo: string | null) =>
        client.delete<CategoryDeleted>(`/categories/${id}`, { reassignTo }),
    },
    rules: {
      list: () => client.get<RuleList>('/rules'),
      get: (id: string) => client.get<Rule>(`/rules/${id}`),
      create: (body: RuleCreate) => client.post<Rule>('/rules', body),
      update: (id: string, patch: RulePatch) => client.patch<Rule>(`/rules/${id}`, patch),
      remove: (id: string) => client.delete<{ ok: true }>(`/rules/${id}`),
      preview: (rule: RuleCreate, limit = 20, signal?: AbortSignal) =>
        client.post<RulePreview>('/rules/preview', { rule, limit }, { signal }),
      applyToHistory: (id: string) => client.post<RuleApplyResult>(`/rules/${id}/apply`),
      runs: (limit = 20) => client.get<RuleRunList>('/rules/runs', { query: { limit } }),
      suggestions: () => client.get<RuleSuggestionList>('/rules/suggestions'),
      acceptSuggestion: (id: string) => client.post<Rule>(`/rules/suggestions/${id}/accept`),
      dismissSuggestion: (id: string) => client.post<{ ok: true }>(`/rules/suggestions/${id}/dismiss`),
    },
    reports: {
      list: () => client.get<ReportList>('/reports'),
      /** `token` is the email link's `t`; the API checks it in addition to the session. */
      get: (id: string, token?: string) => client.get<Report>(`/reports/${id}`, { query: { t: token } }),
      pdf: (id: string, token?: string) => client.download(`/reports/${id}/pdf`, { t: token }),
      generate: (body: ReportRequest) => client.post<ReportQueued>('/reports', body),
      /** The report's figures for any range, computed now (nothing stored). */
      periodSummary: (start: string, end: string, signal?: AbortSignal) =>
        client.get<PeriodSummary>('/reports/summary', { query: { start, end }, signal }),
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
    notifications: {
      /** An email's one-click unsubscribe link: works signed out (its signed token is the credential). */
      unsubscribe: (link: { u: string; kind: string; t: string }) =>
        client.post<Unsubscribed>(`/notifications/unsubscribe?${new URLSearchParams(link)}`, undefined, {
          skipRefresh: true,
        }),
    },
  };
}

export type FinsyncApi = ReturnType<typeof createFinsyncApi>;
