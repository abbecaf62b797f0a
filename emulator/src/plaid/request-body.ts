import { PlaidApiError } from './plaid-api-error.ts';

type Body = Record<string, unknown>;

/**
 * Reads a Plaid request body field by field; required fields that are absent are collected and
 * reported together as MISSING_FIELDS (as Plaid does), wrong types as INVALID_FIELD.
 */
export class RequestBody {
  readonly #body: Body;
  readonly #missing: string[] = [];

  constructor(body: unknown) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw PlaidApiError.invalidBody('body could not be parsed as JSON');
    }
    this.#body = body as Body;
  }

  #get(name: string, required: boolean): unknown {
    const value = this.#body[name];
    if ((value === undefined || value === null) && required) this.#missing.push(name);
    return value ?? undefined;
  }

  string(name: string): string {
    const value = this.#get(name, true);
    if (value !== undefined && typeof value !== 'string') throw typeError(name, 'string');
    if (value === '') {
      this.#missing.push(name);
    }
    return (value as string | undefined) ?? '';
  }

  optionalString(name: string): string | undefined {
    const value = this.#get(name, false);
    if (value !== undefined && typeof value !== 'string') throw typeError(name, 'string');
    return value as string | undefined;
  }

  optionalInteger(name: string, min: number, max: number): number | undefined {
    const value = this.#get(name, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(name, 'integer');
    if (value < min || value > max) {
      throw PlaidApiError.invalidField(`${name} must be an integer between ${min} and ${max}`);
    }
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.#get(name, false);
    if (value !== undefined && typeof value !== 'boolean') throw typeError(name, 'boolean');
    return value as boolean | undefined;
  }

  stringArray(name: string, minItems = 1): string[] {
    const value = this.#get(name, true);
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw typeError(name, 'array of strings');
    if (value.length < minItems)
      throw PlaidApiError.invalidField(`${name} must contain at least ${minItems} item(s)`);
    return value as string[];
  }

  optionalStringArray(name: string): string[] | undefined {
    const value = this.#get(name, false);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw typeError(name, 'array of strings');
    return value as string[];
  }

  /** Undefined (and reported as missing) when absent. */
  object(name: string): RequestBody | undefined {
    const value = this.#get(name, true);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw typeError(name, 'object');
    return new RequestBody(value);
  }

  /** `null` for an explicit null, where Plaid distinguishes it from absence (e.g. sync `options`). */
  optionalObject(name: string): RequestBody | undefined | null {
    const value = this.#body[name];
    if (value === null) return null;
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw typeError(name, 'object');
    return new RequestBody(value);
  }

  /** Throws MISSING_FIELDS naming every required field that was absent. */
  done(): void {
    if (this.#missing.length) throw PlaidApiError.missingFields(this.#missing);
  }
}

function typeError(name: string, expected: string): PlaidApiError {
  return PlaidApiError.invalidField(`${name} must be a ${expected}`);
}
