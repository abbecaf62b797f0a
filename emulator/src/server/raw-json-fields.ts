/**
 * A handler result whose large array fields are already-serialised JSON, so a /transactions/sync
 * page of 500 transactions is assembled from cached strings instead of re-serialised every time.
 */
export class RawJsonFields {
  readonly fields: Record<string, unknown>;
  readonly raw: Record<string, string>;

  constructor(fields: Record<string, unknown>, raw: Record<string, string>) {
    this.fields = fields;
    this.raw = raw;
  }

  serialize(requestId: string): string {
    const parts = Object.entries({ ...this.fields, request_id: requestId }).map(
      ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`,
    );
    for (const [k, v] of Object.entries(this.raw)) parts.push(`${JSON.stringify(k)}:${v}`);
    return `{${parts.join(',')}}`;
  }
}
