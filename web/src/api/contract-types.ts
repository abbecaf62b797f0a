import type * as C from '@finsync/shared/contract';
import type { z } from 'zod';

/** Response and request types of the API, inferred from the zod contract the API itself validates with. */
export type User = z.output<typeof C.User>;
export type SessionResponse = z.output<typeof C.SessionResponse>;
export type SignupRequest = z.input<typeof C.SignupRequest>;
export type LoginRequest = z.input<typeof C.LoginRequest>;
export type MfaEnrolResponse = z.output<typeof C.MfaEnrolResponse>;
export type ChangePasswordRequest = z.input<typeof C.ChangePasswordRequest>;
export type DeleteAccountRequest = z.input<typeof C.DeleteAccountRequest>;

export type Item = z.output<typeof C.Item>;
export type ItemList = z.output<typeof C.ItemList>;
export type SyncRun = z.output<typeof C.SyncRun>;
export type SyncRunList = z.output<typeof C.SyncRunList>;
export type Account = z.output<typeof C.Account>;
export type AccountList = z.output<typeof C.AccountList>;
export type BalanceHistory = z.output<typeof C.BalanceHistory>;

export type Transaction = z.output<typeof C.Transaction>;
export type TransactionPage = z.output<typeof C.TransactionPage>;
/** Query parameters as sent; every one optional (the API fills in the default page size). */
export type TransactionListQuery = Partial<z.output<typeof C.TransactionListQuery>>;
export type TransactionPatch = z.input<typeof C.TransactionPatch>;
export type BulkTransactionResult = z.output<typeof C.BulkTransactionResult>;
export type Category = z.output<typeof C.Category>;
export type CategoryList = z.output<typeof C.CategoryList>;
export type DashboardSummary = z.output<typeof C.DashboardSummary>;

export type Settings = z.output<typeof C.Settings>;
export type SettingsPatch = z.input<typeof C.SettingsPatch>;
