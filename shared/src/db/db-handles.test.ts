import { describe, expect, it } from 'vitest';
import { rotateTokenKeys } from '../crypto/rotate-token-keys.ts';
import type { TokenCipher } from '../crypto/token-cipher.ts';
import { createManualAccount } from '../imports/manual-accounts.ts';
import { editTransactions } from '../ledger/transaction-edit.ts';
import type { OwnerDb, UserDb } from './create-database.ts';
import { withUser } from './scoped-transaction.ts';

// Checked by tsc (never run): each @ts-expect-error must be an error, or tsc fails on an unused directive.
// Before the handles were branded, every one of these compiled.
function wrongHandles(owner: OwnerDb, user: UserDb, cipher: TokenCipher) {
  // @ts-expect-error a person's edit goes through the row-scoped handle withUser gives, never the owner's
  void editTransactions(owner, 'u', [], {}, new Date());
  // @ts-expect-error so does creating a manual account
  void createManualAccount(owner, 'u', {
    name: 'Cash',
    type: 'cash',
    currency: 'USD',
    openingBalanceMinor: 0,
  });
  // @ts-expect-error key rotation rewrites every user's items: the owner's handle only
  void rotateTokenKeys(user, cipher);
  // @ts-expect-error withUser opens a scope from the owner's handle, not from inside another user's
  void withUser(user, 'u', async () => 1);
  void editTransactions(user, 'u', [], {}, new Date());
  void withUser(owner, 'u', (trx) => editTransactions(trx, 'u', [], {}, new Date()));
}

describe('database handles', () => {
  it('are told apart by type: the owner handle and the row-scoped handle of withUser', () => {
    expect(wrongHandles).toBeTypeOf('function');
  });
});
