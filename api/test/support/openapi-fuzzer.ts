import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

// A seeded fuzzer driven by the API's own OpenAPI document: for every operation, with and without a session,
// it sends malformed values of every kind into one place at a time (a path parameter, a query parameter, a
// body property, the whole body, or the raw body) and checks the answer: never a 5xx, always the one error
// shape for refusals, and nothing stored by a refused request.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: Json[];
  const?: Json;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  minLength?: number;
  minimum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  default?: Json;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | null;
}

/** What the fuzzer found wrong; an empty list is a pass. */
export interface Finding {
  operation: string;
  session: 'none' | 'cookie';
  mutation: string;
  status: number;
  problem: string;
  body: string;
}

export interface FuzzOptions {
  app: FastifyInstance;
  seed: number;
  /** Malformed requests per operation and session. */
  perOperation: number;
  /** A signed-in browser: cookies and CSRF token. Re-created by `signIn` when a request ended the session. */
  signIn: () => Promise<{ cookie: string; csrf: string }>;
  /** A digest of everything a request could store; equal before and after every refused request. */
  digest: () => Promise<string>;
  /** Ids to put in path parameters so requests reach the handler (e.g. a real transaction for /transactions/{id}). */
  idFor?: (path: string) => string | undefined;
  /** Operations not to send with the session (they end it on success): matched against "METHOD path". */
  log?: (line: string) => void;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<number, number>;
  findings: Finding[];
}

// Deterministic PRNG (mulberry32): one seed, one sequence of requests.
function prng(seed: number) {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percent-encodes a path value; a lone surrogate becomes the (invalid) UTF-8 bytes of one, on purpose. */
function encodePath(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split(/([\uD800-\uDFFF])/)
      .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
      .join('');
  }
}

const nest = (depth: number): Json => (depth === 0 ? 1 : [nest(depth - 1)]);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Malformed values, each with a name for the report. */
const VALUES: [string, Json][] = [
  ['number', 42],
  ['negative float', -1.5],
  ['boolean', true],
  ['null', null],
  ['empty string', ''],
  ['array', ['a', 1]],
  ['object', { a: 1 }],
  ['huge string', 'x'.repeat(100_000)],
  ['long word', 'y'.repeat(5_000)],
  ['deep nesting', nest(40)],
  ['NUL', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['lone surrogate', 'x\uD800y'],
  ['bidi override', '\u202Eevil\u202C'],
  ['zero width', '\u200B\uFEFF'],
  ['emoji', '💸🧾👩🏽‍💻'],
  ['combining', 'e\u0301\u0301\u0301'],
  ['U+FFFF', '\uFFFF'],
  ['__proto__ object', JSON.parse('{"__proto__": {"polluted": true}}') as Json],
  ['constructor object', { constructor: { prototype: { polluted: true } } }],
  ['impossible date', '2026-02-30'],
  ['year zero', '0000-00-00'],
  ['far date', '+275760-09-13'],
  ['impossible timestamp', '2026-13-45T25:61:61Z'],
  ['forged cursor', b64('2026-02-31|00000000-0000-4000-8000-000000000000')],
  ['cursor of junk', b64('\u0000|\u0000|')],
  ['unsafe integer', 2 ** 53 + 2],
  ['-unsafe integer', -(2 ** 53) - 2],
  ['huge float', 1e308],
  ['tiny float', 5e-324],
  ['negative zero', -0],
  ['catastrophic regex', 'a*a*a*b'],
  ['nested quantifier', '(a+)+$'],
  ['backreference', '(x)\\1'],
  ['regex metacharacters', '.*+?^${}()|[]\\'],
  ['unclosed class', '['],
  ['sql', "' OR 1=1 --"],
  ['path traversal', '../../etc/passwd'],
  ['html', '<script>alert(1)</script>'],
  ['format string', '%s%n%x'],
  ['not a uuid', 'not-a-uuid'],
  ['nil uuid', '00000000-0000-0000-0000-000000000000'],
];

/** Raw bodies no JSON value can express. */
const RAW_BODIES: [string, string][] = [
  ['invalid JSON', '{"a": '],
  ['deep raw JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['deep object JSON', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
  ['__proto__ JSON', '{"__proto__": {"isAdmin": true}, "name": "x"}'],
  ['number past 2^1023', '{"amount": 1e999, "limit": 1e999}'],
  ['duplicate keys', '{"name": "a", "name": "\\u0000"}'],
  ['top-level string', '"just a string"'],
];

function resolve(
  spec: { components?: { schemas?: Record<string, Schema> } },
  schema: Schema | undefined,
): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && s.$ref; i++) {
    const name = s.$ref.split('/').pop() ?? '';
    s = spec.components?.schemas?.[name] ?? {};
  }
  return s;
}

export function operationsOf(spec: {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>;
}): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: body ?? null });
    }
  }
  return ops;
}

/** A plausible value for a schema, so the one mutated place is what a refusal is about. */
function sample(spec: Parameters<typeof resolve>[0], raw: Schema | undefined, depth = 0): Json {
  const s = resolve(spec, raw);
  if (depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0] ?? null;
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return sample(spec, alt[0], depth + 1);
  if (s.allOf?.length) return sample(spec, s.allOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const key of s.required ?? []) out[key] = sample(spec, s.properties?.[key], depth + 1);
      return out;
    }
    case 'array': {
      if (s.prefixItems) return s.prefixItems.map((p) => sample(spec, p, depth + 1));
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(spec, s.items, depth + 1));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
      if (s.format === 'date-time') return '2026-11-01T00:00:00Z';
      if (s.format === 'email') return 'fuzz@example.com';
      if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2026-11-01';
      if (s.pattern === '^[A-Z]{3}$') return 'USD';
      if (s.pattern === '^\\d{6}$') return '123456';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return 'x';
  }
}

const isErrorShape = (body: unknown) =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { error?: { code?: unknown } }).error?.code === 'string' &&
  typeof (body as { error?: { message?: unknown } }).error?.message === 'string';

/** Operations that end the session they are sent with when they succeed. */
const SESSION_ENDING =
  /^(POST \/api\/v1\/auth\/(logout|password|sessions\/sign-out-others)|DELETE \/api\/v1\/auth\/(account|sessions\/\{id\}))$/;

export async function fuzzOpenApi(options: FuzzOptions): Promise<FuzzReport> {
  const { app } = options;
  const random = prng(options.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const ops = operationsOf(spec);
  const report: FuzzReport = { requests: 0, byStatus: {}, findings: [] };
  let session = await options.signIn();
  let baseline = await options.digest();

  for (const op of ops) {
    const name = `${op.method} ${op.path}`;
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const bodySchema = op.body ? resolve(spec, op.body) : null;
    const bodyProps = Object.keys(bodySchema?.properties ?? {});
    const targets = [
      ...pathParams.map((p) => `path:${p.name}`),
      ...queryParams.map((p) => `query:${p.name}`),
      ...bodyProps.map((p) => `body:${p}`),
      ...(op.body ? ['body', 'raw'] : []),
    ];
    if (targets.length === 0) targets.push('none');

    for (const withSession of [false, true] as const) {
      for (let i = 0; i < options.perOperation; i++) {
        const target = targets[i % targets.length] ?? 'none';
        const [valueName, value] = pick(VALUES);
        let url = op.path;
        for (const p of pathParams) {
          const v =
            target === `path:${p.name}`
              ? String(value)
              : (options.idFor?.(op.path) ?? sample(spec, p.schema));
          url = url.replace(`{${p.name}}`, encodePath(String(v)));
        }
        const query = new URLSearchParams();
        for (const p of queryParams) {
          if (target === `query:${p.name}`)
            query.set(p.name, typeof value === 'string' ? value : JSON.stringify(value));
          else if (p.required) query.set(p.name, String(sample(spec, p.schema)));
        }
        const qs = query.toString();
        const request: InjectOptions = {
          method: op.method as InjectOptions['method'],
          url: qs ? `${url}?${qs}` : url,
        };
        const headers: Record<string, string> = {};
        let mutation = `${target} = ${valueName}`;
        if (op.body) {
          headers['content-type'] = 'application/json';
          if (target === 'raw') {
            const [rawName, raw] = pick(RAW_BODIES);
            request.payload = raw;
            mutation = `raw body = ${rawName}`;
          } else if (target === 'body') {
            request.payload = JSON.stringify(value);
          } else {
            const base = sample(spec, op.body) as Record<string, Json>;
            const body = typeof base === 'object' && base !== null && !Array.isArray(base) ? base : {};
            if (target.startsWith('body:')) body[target.slice(5)] = value;
            request.payload = JSON.stringify(body);
          }
        }
        if (withSession) {
          headers.cookie = session.cookie;
          headers['x-csrf-token'] = session.csrf;
        }
        request.headers = headers;

        let res: LightMyRequestResponse;
        try {
          res = await app.inject(request);
        } catch (error) {
          report.findings.push({
            operation: name,
            session: withSession ? 'cookie' : 'none',
            mutation,
            status: 0,
            problem: `inject threw: ${(error as Error).message}`,
            body: '',
          });
          continue;
        }
        report.requests++;
        report.byStatus[res.statusCode] = (report.byStatus[res.statusCode] ?? 0) + 1;
        const finding = (problem: string) =>
          report.findings.push({
            operation: name,
            session: withSession ? 'cookie' : 'none',
            mutation,
            status: res.statusCode,
            problem,
            body: res.body.slice(0, 300),
          });
        if (res.statusCode >= 500) finding('server error');
        if (res.statusCode >= 400) {
          let body: unknown;
          try {
            body = res.json();
          } catch {
            body = undefined;
          }
          if (!isErrorShape(body)) finding('refusal without the error shape');
          const after = await options.digest();
          if (after !== baseline) {
            finding('a refused request changed stored data');
            baseline = after;
          }
        } else {
          baseline = await options.digest();
        }
        if (withSession && SESSION_ENDING.test(name) && res.statusCode < 400) {
          session = await options.signIn();
          baseline = await options.digest();
        }
        options.log?.(`${res.statusCode} ${name} ${withSession ? '[session]' : ''} ${mutation}`);
      }
    }
  }
  return report;
}
