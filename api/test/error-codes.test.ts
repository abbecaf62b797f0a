import { DomainError, type ErrorCode } from '@finsync/shared';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installErrorHandler, statusOf } from '../src/plugins/error-handler.ts';

describe('error codes are one closed union, each with its HTTP status', () => {
  it('does not compile an unknown code, nor a status table that misses or adds one', () => {
    // Checked by `tsc` (pnpm typecheck): each line below is an error the compiler must report.
    // @ts-expect-error 'NOT_A_CODE' is not an ErrorCode
    const unknown = new DomainError('NOT_A_CODE', 'no such code');
    const { NOT_FOUND: _notFound, ...missing } = statusOf;
    // @ts-expect-error a table without NOT_FOUND is not a status for every code
    const incomplete: Record<ErrorCode, number> = missing;
    // @ts-expect-error a table cannot give a status to a code that does not exist
    const extra: Record<ErrorCode, number> = { ...statusOf, NOT_A_CODE: 400 };
    expect([unknown.code, Object.keys(incomplete).length < Object.keys(extra).length]).toEqual([
      'NOT_A_CODE',
      true,
    ]);
  });

  it('answers a domain error with its mapped status and code, not a blanket 400', async () => {
    const app = Fastify();
    installErrorHandler(app, { exposeInternals: false });
    const codes: ErrorCode[] = ['REPORT_UPDATING', 'SYNC_CONFLICT', 'ITEM_LOGIN_REQUIRED', 'CATEGORY_CYCLE'];
    app.get<{ Params: { code: ErrorCode } }>('/fail/:code', async (request) => {
      throw new DomainError(request.params.code, 'refused');
    });
    for (const code of codes) {
      const res = await app.inject({ url: `/fail/${code}` });
      expect([code, res.statusCode, res.json().error.code]).toEqual([code, statusOf[code], code]);
    }
    expect(statusOf.REPORT_UPDATING).toBe(503);
    await app.close();
  });
});
