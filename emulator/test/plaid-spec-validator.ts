import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;

const DROPPED = new Set([
  'example',
  'examples',
  'discriminator',
  'externalDocs',
  'xml',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

/** OpenAPI 3.0 schema → JSON Schema: component refs to definitions, `nullable` to "or null", extensions dropped. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (DROPPED.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string')
      out.$ref = value.replace('#/components/schemas/', '#/definitions/');
    else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]),
      );
    } else out[key] = toJsonSchema(value);
  }
  // OpenAPI 3.0's boolean exclusive bounds are numbers in JSON Schema.
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag]) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
  }
  if ((node as Schema).nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

/** Parsing the 3 MB YAML takes seconds, so its JSON form is cached in the temp dir, keyed by content hash. */
function loadSpec(path: URL): Schema {
  const text = readFileSync(path, 'utf8');
  const cache = join(
    tmpdir(),
    `finsync-plaid-spec-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`,
  );
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Schema;
  const spec = parse(text, { maxAliasCount: -1 }) as Schema;
  writeFileSync(cache, JSON.stringify(spec));
  return spec;
}

/** Validates response bodies against the vendored Plaid OpenAPI spec (emulator/spec/plaid-openapi.yml). */
export class PlaidSpecValidator {
  readonly #spec: Schema;
  readonly #ajv: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(path = new URL('../spec/plaid-openapi.yml', import.meta.url)) {
    this.#spec = loadSpec(path);
    const schemas = (this.#spec.components as Schema).schemas as Schema;
    const definitions = Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, toJsonSchema(v)]));
    this.#ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, validateSchema: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
    addFormats(this.#ajv);
    for (const format of ['double', 'float', 'cognito_id', 'binary']) this.#ajv.addFormat(format, true);
    // ajv-formats' "url" refuses loopback hosts; the spec only means "a URL".
    this.#ajv.addFormat('url', (value: string) => URL.canParse(value));
    this.#ajv.addSchema({ $id: 'plaid', definitions });
  }

  /** The component name of the 200 response of a Plaid path, e.g. `TransactionsSyncResponse`. */
  responseSchemaName(path: string): string {
    const op = ((this.#spec.paths as Schema)[path] as Schema | undefined)?.post as Schema | undefined;
    if (!op) throw new Error(`path ${path} is not in the spec`);
    const ok = (op.responses as Schema)['200'] as Schema;
    const ref = (((ok.content as Schema)['application/json'] as Schema).schema as Schema).$ref as string;
    return ref.split('/').pop()!;
  }

  /** Problems (empty when valid) of `body` against a component schema. */
  check(schemaName: string, body: unknown): string[] {
    let validate = this.#compiled.get(schemaName);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `plaid#/definitions/${schemaName}` });
      this.#compiled.set(schemaName, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }

  /** Checks an answer of `path`: a 2xx against its response schema, anything else against PlaidError. */
  checkAnswer(path: string, status: number, body: unknown): string[] {
    return this.check(status < 300 ? this.responseSchemaName(path) : 'PlaidError', body);
  }
}
