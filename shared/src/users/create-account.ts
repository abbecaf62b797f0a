import { seedSystemCategories } from '../categorize-service/seed-system-categories.ts';
import type { UserDb } from '../db/create-database.ts';
import type { Row } from '../db/database.ts';
import { assumeUser } from '../db/scoped-transaction.ts';
import { userRepository } from './user-repository.ts';

export interface NewAccount {
  email: string;
  passwordHash: string;
  displayName?: string | null | undefined;
  timezone?: string | null | undefined;
  locale?: string | null | undefined;
}

/**
 * Creates an account: the user row, then (acting as that user) its system categories. Run inside a transaction
 * scoped by the address (`{ lookup: email.toLowerCase() }`). Undefined when the address is taken.
 * The one way an account comes to be: a confirmed sign-up link, the demo's seed and the tests' factories.
 */
export async function createAccount(trx: UserDb, account: NewAccount): Promise<Row<'users'> | undefined> {
  const row = await userRepository.create(trx, {
    email: account.email,
    passwordHash: account.passwordHash,
    displayName: account.displayName ?? undefined,
    timezone: account.timezone ?? undefined,
    locale: account.locale ?? undefined,
  });
  if (!row) return undefined;
  await assumeUser(trx, row.id);
  await seedSystemCategories(trx, row.id);
  return row;
}
