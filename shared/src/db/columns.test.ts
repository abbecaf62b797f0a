import { describe, expect, it } from 'vitest';
import { categorizationFields, columnsExcept, databaseColumns, plaidTransactionFields } from './columns.ts';

describe('databaseColumns', () => {
  it('columnsExcept keeps every other column of the table, in its order', () => {
    expect(columnsExcept('password_resets', ['used_at'])).toEqual([
      'id',
      'user_id',
      'expires_at',
      'created_at',
    ]);
    const signup = columnsExcept('pending_signups', ['token_hash', 'created_at']);
    expect(signup).not.toContain('token_hash');
    expect(signup).toHaveLength(databaseColumns.pending_signups.length - 2);
    expect(columnsExcept('ledger_versions', [])).toEqual(['user_id', 'version']);
  });

  it("a staged row holds Plaid's fields after the run, item, account and transaction it names, then the new row's id, categorization and series key", () => {
    expect(databaseColumns.sync_staged_transactions).toEqual([
      'run_id',
      'item_id',
      'plaid_account_id',
      'plaid_transaction_id',
      ...plaidTransactionFields,
      'id',
      ...categorizationFields,
      'series_key',
    ]);
    for (const field of [...plaidTransactionFields, ...categorizationFields])
      expect(databaseColumns.transactions).toContain(field);
  });
});
