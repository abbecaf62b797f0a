import { testContext, useTestDatabase } from '@finsync/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRANSFER_LOCK } from '../categorize/pair-transfers.ts';
import { pfcDetailed as pfcDetailedCodes } from '../categorize/pfc-taxonomy.ts';
import type { Db } from '../db/create-database.ts';
import { matchTransfers } from './transfer-commands.ts';

const file = useTestDatabase();
let userId: string;
const accounts: Record<string, { id: string; itemId: string }> = {};
let n = 0;

async function add(
  account: string,
  amountMinor: number,
  date: string,
  rawName: string,
  pfcDetailed: string | null = null,
  extra: { locked?: string[]; isTransfer?: boolean } = {},
): Promise<string> {
  const a = accounts[account]!;
  const row = await file.t.db
    .insertInto('transactions')
    .values({
      user_id: userId,
      item_id: a.itemId,
      account_id: a.id,
      plaid_transaction_id: `tx-${++n}`,
      amount_minor: amountMinor,
      currency: 'USD',
      date,
      raw_name: rawName,
      pfc_detailed: pfcDetailed,
      pfc_primary: pfcDetailedCodes.find((d) => d.code === pfcDetailed)?.primary ?? null,
      locked_fields: extra.locked ?? [],
      is_transfer: extra.isTransfer ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const flags = async (id: string) =>
  file.t.db
    .selectFrom('transactions')
    .select(['is_transfer', 'transfer_pair_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

async function makeUser(db: Db) {
  const user = await testContext(db).newUser({ email: 'transfers@example.test' });
  const item = async (name: string) =>
    (
      await db
        .insertInto('plaid_items')
        .values({ user_id: user.id, plaid_item_id: name, access_token_encrypted: 'enc' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const bankA = await item('bank-a');
  const bankB = await item('bank-b');
  for (const [name, itemId, type] of [
    ['checking', bankA, 'depository'],
    ['savings', bankA, 'depository'],
    ['card', bankB, 'credit'],
    ['loan', bankB, 'loan'],
  ] as const) {
    const row = await db
      .insertInto('accounts')
      .values({ user_id: user.id, item_id: itemId, plaid_account_id: name, name, type })
      .returning('id')
      .executeTakeFirstOrThrow();
    accounts[name] = { id: row.id, itemId };
  }
  return user.id;
}

describe('matchTransfers against PostgreSQL', () => {
  beforeAll(async () => {
    userId = await makeUser(file.t.db);
  });

  it('pairs card and loan payments across connections and savings moves, however old', async () => {
    const cardOut = await add(
      'checking',
      50_000,
      '2023-02-10',
      'CARD AUTOPAY',
      'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
    );
    const cardIn = await add('card', -50_000, '2023-02-11', 'AUTOPAY PAYMENT - THANK YOU');
    const loanOut = await add(
      'checking',
      32_014,
      '2024-06-15',
      'NAVIENT ED LOAN PMT',
      'LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT',
    );
    const loanIn = await add(
      'loan',
      -32_014,
      '2024-06-15',
      'PAYMENT - THANK YOU',
      'LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT',
    );
    const savOut = await add(
      'checking',
      20_000,
      '2025-01-02',
      'ONLINE TRANSFER TO SAV',
      'TRANSFER_OUT_SAVINGS',
    );
    const savIn = await add('savings', -20_000, '2025-01-02', 'ONLINE TRANSFER FROM CHK');
    const purchase = await add('checking', 4_000, '2025-01-03', 'GROCERY', 'FOOD_AND_DRINK_GROCERIES');

    const result = await matchTransfers(file.t.db, userId);
    expect(result.pairs).toHaveLength(3);
    expect(await flags(cardOut)).toEqual({ is_transfer: true, transfer_pair_id: cardIn });
    expect(await flags(cardIn)).toEqual({ is_transfer: true, transfer_pair_id: cardOut });
    expect(await flags(loanOut)).toEqual({ is_transfer: true, transfer_pair_id: loanIn });
    expect(await flags(savIn)).toEqual({ is_transfer: true, transfer_pair_id: savOut });
    expect(await flags(purchase)).toEqual({ is_transfer: false, transfer_pair_id: null });
    // A second run finds nothing new and changes nothing.
    expect(await matchTransfers(file.t.db, userId)).toEqual({ pairs: [], unpaired: 0, markedByCategory: 0 });
  });

  it('marks a one-sided own-account transfer by Plaid’s category, but not cash or an unlinked loan', async () => {
    const cardPayment = await add(
      'checking',
      12_345,
      '2025-03-25',
      'OTHER BANK CARD PMT',
      'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
    );
    const atm = await add('checking', 6_000, '2025-03-26', 'ATM WITHDRAWAL', 'TRANSFER_OUT_WITHDRAWAL');
    const carLoan = await add('checking', 41_000, '2025-03-27', 'AUTO LOAN PMT', 'LOAN_PAYMENTS_CAR_PAYMENT');
    const result = await matchTransfers(file.t.db, userId);
    expect(result).toMatchObject({ pairs: [], markedByCategory: 1 });
    expect(await flags(cardPayment)).toEqual({ is_transfer: true, transfer_pair_id: null });
    expect(await flags(atm)).toEqual({ is_transfer: false, transfer_pair_id: null });
    expect(await flags(carLoan)).toEqual({ is_transfer: false, transfer_pair_id: null });
  });

  it('leaves a transfer flag the person set alone, and undoes a pair whose partner the bank removed', async () => {
    const unmarked = await add('checking', 7_700, '2025-04-02', 'TRANSFER TO SAV', 'TRANSFER_OUT_SAVINGS', {
      locked: [TRANSFER_LOCK],
      isTransfer: false,
    });
    const partner = await add('savings', -7_700, '2025-04-02', 'TRANSFER FROM CHK');
    const out = await add('checking', 9_900, '2025-05-02', 'TRANSFER TO SAV');
    const inn = await add('savings', -9_900, '2025-05-02', 'TRANSFER FROM CHK');
    const first = await matchTransfers(file.t.db, userId);
    expect(first.pairs.map((p) => [p.outflowId, p.inflowId])).toEqual([[out, inn]]);
    expect(await flags(unmarked)).toEqual({ is_transfer: false, transfer_pair_id: null });
    expect(await flags(partner)).toEqual({ is_transfer: false, transfer_pair_id: null });

    await file.t.db.deleteFrom('transactions').where('id', '=', inn).execute();
    expect(await matchTransfers(file.t.db, userId)).toMatchObject({ pairs: [], unpaired: 1 });
    expect(await flags(out)).toEqual({ is_transfer: false, transfer_pair_id: null });
  });
});
