import {
  Ok,
  SavedFilter,
  SavedFilterCreate,
  SavedFilterList,
  SavedFilterPatch,
} from '@finsync/shared/contract';
import {
  changeSavedFilter,
  createSavedFilter,
  listSavedFilters,
  removeSavedFilter,
} from '@finsync/shared/saved-filters';
import { ok, USER_ERRORS, userRoutes } from './user-routes.ts';

/** Saved transaction filters (issue 17): the transactions page's filter kept under a name, per user. */
export const savedFilterRoutes = userRoutes(({ inTransaction }, ctx) => {
  inTransaction(
    'GET /saved-filters',
    { summary: 'Your saved transaction filters, by name', response: SavedFilterList },
    (trx, { userId }) => listSavedFilters(trx, userId),
  );
  inTransaction(
    'POST /saved-filters',
    {
      summary: 'Save a transaction filter under a name (unique per user, whatever its case)',
      body: SavedFilterCreate,
      response: SavedFilter,
      status: 201,
      errors: [...USER_ERRORS, 409],
    },
    (trx, { userId, body }) => createSavedFilter(trx, userId, body),
  );
  inTransaction(
    'PATCH /saved-filters/:id',
    {
      summary: 'Rename a saved filter or replace what it filters',
      body: SavedFilterPatch,
      response: SavedFilter,
      errors: [...USER_ERRORS, 409],
    },
    (trx, { userId, params, body }) => changeSavedFilter(trx, userId, params.id, body, ctx.clock()),
  );
  inTransaction(
    'DELETE /saved-filters/:id',
    { summary: 'Delete a saved filter', response: Ok },
    (trx, { userId, params }) => ok(removeSavedFilter(trx, userId, params.id)),
  );
});
