import {
  BankRecurringCheck,
  Ok,
  RecurringCreate,
  RecurringPatch,
  RecurringQuery,
  RecurringSeries,
  RecurringView,
} from '@finsync/shared/contract';
import {
  addSeriesByHand,
  bankRecurringCrossCheck,
  decideRecurring,
  deleteSeriesByHand,
  recurringView,
} from '@finsync/shared/recurring';
import { ok, USER_ERRORS, userRoutes } from './user-routes.ts';

/** Recurring series and the upcoming-bills calendar (issue 18). */
export const recurringRoutes = userRoutes(({ inTransaction, withoutTransaction }, ctx) => {
  inTransaction(
    'GET /recurring',
    {
      summary: 'Every recurring series with its amount band, and the expected payments of the next days',
      querystring: RecurringQuery,
      response: RecurringView,
    },
    (trx, { userId, query }) => recurringView(trx, userId, ctx.clock(), query.days),
  );
  // Plaid is asked after the reads, outside any transaction.
  withoutTransaction(
    'GET /recurring/bank',
    {
      summary:
        "The bank's own recurring streams (Plaid /transactions/recurring/get) next to finsync's series",
      response: BankRecurringCheck,
    },
    ({ userId, asUser }) =>
      bankRecurringCrossCheck({ read: asUser, plaid: ctx.plaid, cipher: ctx.cipher }, userId),
  );
  inTransaction(
    'POST /recurring',
    {
      summary: 'Add a series by hand (a bill detection did not find), paid from one of your accounts',
      body: RecurringCreate,
      response: RecurringSeries,
      status: 201,
    },
    (trx, { userId, body }) => addSeriesByHand(trx, userId, body, ctx.clock()),
  );
  inTransaction(
    'DELETE /recurring/:id',
    {
      summary: 'Delete a series added by hand (a detected one is dismissed instead)',
      response: Ok,
      errors: [...USER_ERRORS, 409],
    },
    (trx, { userId, params }) => ok(deleteSeriesByHand(trx, userId, params.id)),
  );
  inTransaction(
    'PATCH /recurring/:id',
    {
      summary: 'Confirm or dismiss a series, or correct its cadence or typical amount (null clears)',
      body: RecurringPatch,
      response: RecurringSeries,
    },
    (trx, { userId, params, body }) => decideRecurring(trx, userId, params.id, body),
  );
});
