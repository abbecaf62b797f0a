import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '@finsync/shared';
import type { FastifyInstance } from 'fastify';

/** Deeper JSON than any request schema needs (rule groups nest 3 deep, about 12 levels of JSON). */
export const MAX_JSON_DEPTH = 32;

const tooDeep = () => new DomainError('JSON_TOO_DEEP', `JSON nests deeper than ${MAX_JSON_DEPTH} levels`);

/**
 * Counts array/object nesting of a JSON byte stream as it passes (strings and escapes skipped, state kept
 * across chunks) and fails with JSON_TOO_DEEP past `max`, before any parser sees the body. UTF-8 continuation
 * bytes never equal the ASCII brackets and quotes it looks for.
 */
export class JsonDepthGuard extends Transform {
  private depth = 0;
  private inString = false;
  private escaped = false;
  receivedEncodedLength = 0;
  private readonly max: number;

  constructor(max: number) {
    super();
    this.max = max;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    for (const c of chunk) {
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++this.depth > this.max) {
          callback(tooDeep());
          return;
        }
      } else if (c === 0x7d || c === 0x5d) this.depth--;
    }
    callback(null, chunk);
  }
}

/**
 * JSON bodies: the size cap is each route's bodyLimit (413, default 1 MiB); nesting is capped at
 * MAX_JSON_DEPTH (400 JSON_TOO_DEEP) while the bytes stream in, before parsing, so no recursive walk
 * (validation, serialization) can overflow the stack. Parsing stays Fastify's (prototype poisoning refused),
 * and routes with a parser of their own (the Plaid webhook's raw body) are guarded the same way.
 */
export function installJsonDepthGuard(app: FastifyInstance): void {
  app.addHook('preParsing', async (request, _reply, payload) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !/^application\/([\w.+-]+\+)?json\b/i.test(type)) return payload;
    // pipeline: an aborted upload destroys the guard too, so the request ends instead of hanging.
    return pipeline(payload, new JsonDepthGuard(MAX_JSON_DEPTH), () => {});
  });
}
