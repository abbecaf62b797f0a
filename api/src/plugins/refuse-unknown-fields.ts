import type { RouteOptions } from 'fastify';
import { z } from 'zod';

/**
 * An onRoute hook: an operation refuses a query parameter, or a field of its JSON body, that it does not take
 * (400 VALIDATION_FAILED naming it, see the error handler), instead of ignoring it. A script that typed
 * `search` for `q`, or `enabeld` for `enabled`, would otherwise get every transaction, or an edit with that
 * field dropped, answered as if it had done what was asked. An operation without a query schema takes no
 * query parameter. The rule covers the query and the body's top level; an object nested in a body refuses
 * unknown fields where the contract declares it strict.
 */
export function refuseUnknownFields(route: RouteOptions): void {
  const schema = route.schema ?? {};
  route.schema = {
    ...schema,
    querystring: schema.querystring === undefined ? z.strictObject({}) : strict(schema.querystring),
    ...(schema.body === undefined ? {} : { body: strict(schema.body) }),
  };
}

/** The schema with its object refusing unknown keys; anything but an object (maybe optional or nullable) as it is. */
function strict(schema: unknown): unknown {
  if (schema instanceof z.ZodObject) return schema.strict();
  if (schema instanceof z.ZodOptional) return (strict(schema.unwrap()) as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return (strict(schema.unwrap()) as z.ZodType).nullable();
  return schema;
}
