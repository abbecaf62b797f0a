import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app.ts';
import { authRoutes } from './auth.ts';
import { budgetRoutes } from './budgets.ts';
import { categorizationRoutes } from './categorization.ts';
import { exportRoutes } from './export.ts';
import { goalRoutes } from './goals.ts';
import { importRoutes } from './imports.ts';
import { itemRoutes } from './items.ts';
import { ledgerRoutes } from './ledger.ts';
import { manualAccountRoutes } from './manual-accounts.ts';
import { netWorthRoutes } from './net-worth.ts';
import { notificationRoutes } from './notifications.ts';
import { recurringRoutes } from './recurring.ts';
import { reportRoutes } from './reports.ts';

/** Every /api/v1 route, one plugin per area. */
export function v1Routes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(authRoutes(ctx));
    await app.register(ledgerRoutes(ctx));
    await app.register(exportRoutes(ctx));
    await app.register(itemRoutes(ctx));
    await app.register(categorizationRoutes(ctx));
    await app.register(reportRoutes(ctx));
    await app.register(importRoutes(ctx));
    await app.register(manualAccountRoutes(ctx));
    await app.register(notificationRoutes(ctx));
    await app.register(budgetRoutes(ctx));
    await app.register(recurringRoutes(ctx));
    await app.register(netWorthRoutes(ctx));
    await app.register(goalRoutes(ctx));
  };
}
