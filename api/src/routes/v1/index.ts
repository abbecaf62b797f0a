import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { refuseUnknownFields } from '../../plugins/refuse-unknown-fields.ts';
import { accountRoutes } from './accounts.ts';
import { authRoutes } from './auth.ts';
import { budgetRoutes } from './budgets.ts';
import { categorizationRoutes } from './categorization.ts';
import { exportRoutes } from './export.ts';
import { goalRoutes } from './goals.ts';
import { importRoutes } from './imports.ts';
import { itemRoutes } from './items.ts';
import { ledgerRoutes } from './ledger.ts';
import { notificationRoutes } from './notifications.ts';
import { recurringRoutes } from './recurring.ts';
import { reportRoutes } from './reports.ts';
import { savedFilterRoutes } from './saved-filters.ts';
import { settingsRoutes } from './settings.ts';
import { transactionRoutes } from './transactions.ts';

/** Every /api/v1 area, in the order the OpenAPI document lists them. */
const AREAS = [
  authRoutes,
  accountRoutes,
  ledgerRoutes,
  transactionRoutes,
  savedFilterRoutes,
  settingsRoutes,
  exportRoutes,
  itemRoutes,
  categorizationRoutes,
  reportRoutes,
  importRoutes,
  notificationRoutes,
  budgetRoutes,
  recurringRoutes,
  goalRoutes,
];

/** Every /api/v1 route, one plugin per area; none takes a field it does not know. */
export function v1Routes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onRoute', refuseUnknownFields);
    for (const area of AREAS) await app.register(area(ctx));
  };
}
