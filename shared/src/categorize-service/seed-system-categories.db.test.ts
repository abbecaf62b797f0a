import { testContext, useTestDatabase } from '@finsync/test-support';
import { beforeAll, describe, expect, it } from 'vitest';
import { pfcDetailed, pfcPrimaries } from '../categorize/pfc-taxonomy.ts';
import { seedSystemCategories } from './seed-system-categories.ts';

describe('seedSystemCategories against real Postgres', () => {
  const file = useTestDatabase();
  let userId: string;
  beforeAll(async () => {
    userId = (await testContext(file.t.db).newUser({ email: 'seed@example.test' })).id;
  });

  it('creates one group per Plaid primary and one category per detailed code, nested', async () => {
    const created = await seedSystemCategories(file.t.db, userId);
    expect(created).toBe(pfcPrimaries.length + pfcDetailed.length);
    const rows = await file.t.db.selectFrom('categories').selectAll().where('user_id', '=', userId).execute();
    const coffee = rows.find((r) => r.key === 'FOOD_AND_DRINK_COFFEE');
    const food = rows.find((r) => r.key === 'FOOD_AND_DRINK');
    expect(coffee).toMatchObject({ name: 'Coffee', kind: 'expense', is_group: false, parent_id: food?.id });
    expect(rows.find((r) => r.key === 'INCOME_SALARY')?.kind).toBe('income');
    expect(rows.find((r) => r.key === 'TRANSFER_OUT_SAVINGS')?.kind).toBe('transfer');
  });

  it('is idempotent and keeps a renamed category as the user named it', async () => {
    await file.t.db
      .updateTable('categories')
      .set({ name: 'Caffeine' })
      .where('user_id', '=', userId)
      .where('key', '=', 'FOOD_AND_DRINK_COFFEE')
      .execute();
    expect(await seedSystemCategories(file.t.db, userId)).toBe(0);
    const coffee = await file.t.db
      .selectFrom('categories')
      .select('name')
      .where('user_id', '=', userId)
      .where('key', '=', 'FOOD_AND_DRINK_COFFEE')
      .executeTakeFirstOrThrow();
    expect(coffee.name).toBe('Caffeine');
  });
});
