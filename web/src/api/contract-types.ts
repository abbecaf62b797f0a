import type * as C from '@finsync/shared/contract';
import type { z } from 'zod';

/** Response and request types of the API, inferred from the zod contract the API itself validates with. */
export type User = z.output<typeof C.User>;
export type SessionResponse = z.output<typeof C.SessionResponse>;
export type SessionProbeResponse = z.output<typeof C.SessionProbeResponse>;
export type SignupRequest = z.input<typeof C.SignupRequest>;
export type SignupAccepted = z.output<typeof C.SignupAccepted>;
export type LoginRequest = z.input<typeof C.LoginRequest>;
export type MfaEnrolResponse = z.output<typeof C.MfaEnrolResponse>;
export type ChangePasswordRequest = z.input<typeof C.ChangePasswordRequest>;
export type DeleteAccountRequest = z.input<typeof C.DeleteAccountRequest>;
export type SessionView = z.output<typeof C.SessionView>;
export type PasswordResetConfirm = z.input<typeof C.PasswordResetConfirm>;
export type PasskeyList = z.output<typeof C.PasskeyList>;
export type SecondFactor = z.output<typeof C.SecondFactor>;
export type MfaPasskeyEnabled = z.output<typeof C.MfaPasskeyEnabled>;
export type SessionList = z.output<typeof C.SessionList>;
export type SessionsRevoked = z.output<typeof C.SessionsRevoked>;

export type Item = z.output<typeof C.Item>;
export type ItemList = z.output<typeof C.ItemList>;
export type SyncRun = z.output<typeof C.SyncRun>;
export type SyncRunList = z.output<typeof C.SyncRunList>;
export type Account = z.output<typeof C.Account>;
export type AccountList = z.output<typeof C.AccountList>;
export type BalanceHistory = z.output<typeof C.BalanceHistory>;

export type Transaction = z.output<typeof C.Transaction>;
/** A row of the transaction list: a Transaction and how many parts it is split into (0: not split). */
export type ListedTransaction = z.output<typeof C.ListedTransaction>;
export type TransactionPage = z.output<typeof C.TransactionPage>;
export type TransactionTotals = z.output<typeof C.TransactionTotals>;
/** Query parameters as sent; every one optional (the API fills in the default page size). */
export type TransactionListQuery = Partial<z.output<typeof C.TransactionListQuery>>;
export type TransactionPatch = z.input<typeof C.TransactionPatch>;
export type BulkTransactionResult = z.output<typeof C.BulkTransactionResult>;
export type Category = z.output<typeof C.Category>;
export type CategoryList = z.output<typeof C.CategoryList>;
export type DashboardSummary = z.output<typeof C.DashboardSummary>;

export type Settings = z.output<typeof C.Settings>;
export type NotificationKey = C.NotificationKey;
export type SettingsPatch = z.input<typeof C.SettingsPatch>;
export type Unsubscribed = z.output<typeof C.Unsubscribed>;

export type LinkTokenRequest = z.input<typeof C.LinkTokenRequest>;
export type LinkTokenResponse = z.output<typeof C.LinkTokenResponse>;
export type ExchangeRequest = z.input<typeof C.ExchangeRequest>;
export type ExchangeResponse = z.output<typeof C.ExchangeResponse>;
export type HostedLinkCompleteResponse = z.output<typeof C.HostedLinkCompleteResponse>;
export type SyncQueued = z.output<typeof C.SyncQueued>;
export type SyncProgressEvent = z.output<typeof C.SyncProgressEvent>;
export type SyncOutcomeEvent = z.output<typeof C.SyncOutcomeEvent>;

export type CategoryCreate = z.input<typeof C.CategoryCreate>;
export type CategoryPatch = z.input<typeof C.CategoryPatch>;
export type CategoryDeleted = z.output<typeof C.CategoryDeleted>;
export type Rule = z.output<typeof C.Rule>;
export type RuleList = z.output<typeof C.RuleList>;
export type RuleCreate = z.input<typeof C.RuleCreate>;
export type RulePatch = z.input<typeof C.RulePatch>;
export type RulePreview = z.output<typeof C.RulePreview>;
export type RuleApplyResult = z.output<typeof C.RuleApplyResult>;
export type RuleRunList = z.output<typeof C.RuleRunList>;
export type RuleSuggestionList = z.output<typeof C.RuleSuggestionList>;
export type CategoryExplanation = z.output<typeof C.CategoryExplanation>;

export type ReportListItem = z.output<typeof C.ReportListItem>;
export type ReportList = z.output<typeof C.ReportList>;
export type Report = z.output<typeof C.Report>;
export type PeriodSummary = z.output<typeof C.PeriodSummary>;
export type ReportRequest = z.input<typeof C.ReportRequest>;
export type ReportQueued = z.output<typeof C.ReportQueued>;

export type ImportPreview = z.output<typeof C.ImportPreview>;
export type ImportPreviewRow = z.output<typeof C.ImportPreviewRow>;
export type StatementImport = z.output<typeof C.StatementImport>;
export type ImportList = z.output<typeof C.ImportList>;
export type ImportPatch = z.input<typeof C.ImportPatch>;
export type CsvMapping = z.output<typeof C.CsvMapping>;
export type ManualAccountCreate = z.input<typeof C.ManualAccountCreate>;

export type Budget = z.output<typeof C.Budget>;
export type BudgetMonthView = z.output<typeof C.BudgetMonthView>;
export type BudgetCreate = z.input<typeof C.BudgetCreate>;
export type BudgetPatch = z.input<typeof C.BudgetPatch>;
export type BudgetSuggestionList = z.output<typeof C.BudgetSuggestionList>;
export type RecurringView = z.output<typeof C.RecurringView>;
export type RecurringSeries = z.output<typeof C.RecurringSeries>;
export type NetWorthHistory = z.output<typeof C.NetWorthHistory>;
export type Goal = z.output<typeof C.Goal>;
export type GoalList = z.output<typeof C.GoalList>;
export type GoalCreate = z.input<typeof C.GoalCreate>;
export type GoalPatch = z.input<typeof C.GoalPatch>;
export type RecurringPatch = z.input<typeof C.RecurringPatch>;
export type RecurringCreate = z.input<typeof C.RecurringCreate>;
export type BankRecurringCheck = z.output<typeof C.BankRecurringCheck>;
export type TransactionSort = z.output<typeof C.TransactionSort>;
export type SavedFilter = z.output<typeof C.SavedFilter>;
export type SavedFilterList = z.output<typeof C.SavedFilterList>;
export type SavedFilterSpec = z.output<typeof C.SavedFilterSpec>;
export type SavedFilterCreate = z.input<typeof C.SavedFilterCreate>;
export type SavedFilterPatch = z.input<typeof C.SavedFilterPatch>;
export type TransactionSplits = z.output<typeof C.TransactionSplits>;
export type SplitsReplace = z.input<typeof C.SplitsReplace>;
