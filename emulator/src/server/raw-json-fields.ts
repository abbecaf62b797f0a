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

  serialize(requestId: string): Buffer {
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
    return Buffer.concat(chunks);
  }
}

const COMMA = Buffer.from(',');
const CLOSE_ARRAY = Buffer.from(']');
const CLOSE_OBJECT = Buffer.from('}');
