import { type UserDb, withUser } from '@finsync/shared';
import { ErrorBody, IdParams } from '@finsync/shared/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppContext } from '../../app.ts';
import { userIdOf } from '../../plugins/authenticate.ts';

/** The error answers a signed-in route documents; every one has the ErrorBody shape. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 503;

/** What any signed-in route may answer: bad input, no session, refused, and an id that is not the user's. */
export const USER_ERRORS = [400, 401, 403, 404] as const satisfies readonly ErrorStatus[];

type Part = z.ZodType | undefined;
type Parsed<S extends Part> = S extends z.ZodType ? z.output<S> : undefined;

/** `METHOD /path`, e.g. `PATCH /goals/:id`. */
type Operation = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;
/** A path with `:id` is validated with IdParams (every id in the API is a UUID); other paths take no params. */
type ParamsOf<O extends Operation> = O extends `${string}/:id${'' | `/${string}`}`
  ? z.output<typeof IdParams>
  : undefined;

/** One operation as OpenAPI documents it: its text, what it validates and its one success answer. */
export interface RouteSpec<Q extends Part, B extends Part, R extends z.ZodType> {
  summary?: string;
  description?: string;
  /** Default: the first segment of the path (`/rules/:id` → `rules`). */
  tag?: string;
  querystring?: Q;
  body?: B;
  /** The success answer, sent with `status` (default 200). */
  response: R;
  status?: 200 | 201 | 202;
  /** The error answers, when not the area's. */
  errors?: readonly ErrorStatus[];
  /** multipart/form-data routes: the content types and a body limit of their own. */
  consumes?: string[];
  bodyLimit?: number;
}

/** A request that passed validation, with its signed-in user. */
export interface UserCall<O extends Operation, Q extends Part, B extends Part> {
  userId: string;
  params: ParamsOf<O>;
  query: Parsed<Q>;
  body: Parsed<B>;
  request: FastifyRequest;
  reply: FastifyReply;
  /** One transaction as the user: row-level security limits it to their rows. */
  asUser<T>(fn: (trx: UserDb) => Promise<T>): Promise<T>;
}

type Define<H extends 'transaction' | 'none'> = <
  O extends Operation,
  R extends z.ZodType,
  Q extends Part = undefined,
  B extends Part = undefined,
>(
  operation: O,
  spec: RouteSpec<Q, B, R>,
  handle: H extends 'transaction'
    ? (trx: UserDb, call: UserCall<O, Q, B>) => Promise<z.output<R>>
    : (call: UserCall<O, Q, B>) => Promise<z.output<R> | Answered>,
) => void;

/** The reply, when the handler has sent the answer itself (a 304, or JSON it serialized). */
type Answered = FastifyReply;

type AnyCall = UserCall<Operation, Part, Part>;
type Handler = (first: UserDb | AnyCall, call?: AnyCall) => Promise<unknown>;

export interface UserRoutes {
  /** The handler runs in one transaction as the user (the common case: read or change the user's rows). */
  inTransaction: Define<'transaction'>;
  /** The handler opens its own transactions (`call.asUser`), e.g. to call Plaid or queue a job outside one. */
  withoutTransaction: Define<'none'>;
}

/** For an operation that answers `{ ok: true }` once its work is done. */
export async function ok(work: Promise<unknown>): Promise<{ ok: true }> {
  await work;
  return { ok: true };
}

/**
 * An area of signed-in routes: every request needs a session or token (before its body is read), a cookie
 * session's writes need the CSRF token, and each operation is declared once, as `METHOD /path`, its OpenAPI
 * text and schemas, and a handler that gets the parsed request and the user. Errors thrown by a handler reach
 * the error handler as they are; the answers of `errors` (default 400, 401, 403, 404) are documented as
 * ErrorBody.
 */
export function userRoutes(
  define: (routes: UserRoutes, ctx: AppContext, app: FastifyInstance) => void | Promise<void>,
  area: { errors?: readonly ErrorStatus[] } = {},
): (ctx: AppContext) => FastifyPluginAsyncZod {
  return (ctx) => async (app) => {
    app.addHook('onRequest', app.requireUser);
    app.addHook('preValidation', app.requireCsrf);
    const route =
      (inTransaction: boolean) =>
      (operation: Operation, spec: RouteSpec<Part, Part, z.ZodType>, handle: Handler) => {
        const [method, url] = operation.split(' ') as [HTTPMethods, string];
        const {
          response,
          status = 200,
          errors = area.errors ?? USER_ERRORS,
          tag,
          consumes,
          bodyLimit,
          ...documented
        } = spec;
        const answers: Record<number, z.ZodType> = { [status]: response };
        for (const code of errors) answers[code] = ErrorBody;
        app.route({
          method,
          url,
          ...(bodyLimit === undefined ? {} : { bodyLimit }),
          schema: {
            tags: [tag ?? url.split('/')[1]!],
            ...(url.includes('/:id') ? { params: IdParams } : {}),
            ...documented,
            ...(consumes ? { consumes } : {}),
            response: answers,
          },
          handler: async (request, reply) => {
            const userId = userIdOf(request);
            const call: AnyCall = {
              userId,
              params: request.params as ParamsOf<Operation>,
              query: request.query as undefined,
              body: request.body as undefined,
              request,
              reply,
              asUser: (fn) => withUser(ctx.db, userId, fn),
            };
            const result = inTransaction ? await call.asUser((trx) => handle(trx, call)) : await handle(call);
            if (status !== 200) reply.code(status);
            return result;
          },
        });
      };
    await define({ inTransaction: route(true), withoutTransaction: route(false) } as UserRoutes, ctx, app);
  };
}
