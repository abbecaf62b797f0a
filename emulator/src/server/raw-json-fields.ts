/**
 * A handler result whose large array fields are already-serialised JSON, so a /transactions/sync
 * page of 500 transactions is assembled from cached bytes instead of re-serialised every time: each element
 * is UTF-8 JSON encoded once (the caller caches it), and the page is those bytes copied into one buffer, so
 * neither a 400 KB string is built nor encoded again for the socket.
 */
export class RawJsonFields {
  readonly fields: Record<string, unknown>;
  readonly raw: Record<string, readonly Buffer[]>;

  constructor(fields: Record<string, unknown>, raw: Record<string, readonly Buffer[]>) {
    this.fields = fields;
    this.raw = raw;
  }

  /**
   * The whole JSON object (the fields, then the raw arrays), written into a buffer of at least the length
   * asked for, from `take` (by default a new one).
   */
  serialize(requestId: string, take: (length: number) => Buffer = Buffer.allocUnsafe): Buffer {
    const head = Object.entries({ ...this.fields, request_id: requestId })
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
      .join(',');
    const chunks: Buffer[] = [Buffer.from(`{${head}`)];
    for (const [k, elements] of Object.entries(this.raw)) {
      chunks.push(Buffer.from(`,${JSON.stringify(k)}:[`));
      elements.forEach((element, i) => {
        if (i > 0) chunks.push(COMMA);
        chunks.push(element);
      });
      chunks.push(CLOSE_ARRAY);
    }
    chunks.push(CLOSE_OBJECT);
    let length = 0;
    for (const c of chunks) length += c.length;
    const page = take(length);
    let at = 0;
    for (const c of chunks) at += c.copy(page, at);
    return page.subarray(0, length);
  }
}

/**
 * Buffers that pages are written into, reused once a response has been handed to the socket. A page is
 * ~0.7 MB: written into fresh memory each time, its copy cost the emulator more than all else it does for a
 * page (each fresh page of memory faults on first touch, and on a virtual machine that is slow), on the
 * machine whose finsync it stands beside in the benchmarks (issue 16).
 */
export class PageBuffers {
  readonly #free: Buffer[] = [];

  /** A buffer of at least `length` bytes, free until it is given back. */
  take(length: number): Buffer {
    const i = this.#free.findIndex((b) => b.length >= length);
    if (i >= 0) return this.#free.splice(i, 1)[0] as Buffer;
    // Room to grow, so a slightly longer page next time reuses it.
    return Buffer.allocUnsafeSlow(Math.ceil(length * 1.25));
  }

  /** Gives back a buffer `take` returned (or a view of it), once nothing reads it any more. */
  give(view: Buffer): void {
    // A few are enough: one per response being written at once. (take's buffers own their whole memory.)
    if (this.#free.length < MAX_FREE) this.#free.push(Buffer.from(view.buffer));
  }
}

const MAX_FREE = 8;

const COMMA = Buffer.from(',');
const CLOSE_ARRAY = Buffer.from(']');
const CLOSE_OBJECT = Buffer.from('}');
