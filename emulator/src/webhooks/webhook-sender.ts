import type { SignatureKnob, WebhookSigner } from './webhook-signer.ts';

export interface WebhookDelivery {
  id: number;
  url: string;
  webhook_type: string;
  webhook_code: string;
  item_id: string | null;
  body: Record<string, unknown>;
  signature: SignatureKnob;
  sent_at: string;
  /** HTTP status of the receiver, or null when it could not be reached. */
  status: number | null;
  error: string | null;
}

const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_KEPT = 1000;

/** Posts signed webhooks to receivers and keeps a log of deliveries for tests and the demo. */
export class WebhookSender {
  readonly #signer: WebhookSigner;
  readonly #deliveries: WebhookDelivery[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #abort = new AbortController();
  #nextId = 1;

  constructor(signer: WebhookSigner) {
    this.#signer = signer;
  }

  get deliveries(): readonly WebhookDelivery[] {
    return this.#deliveries;
  }

  clear(): void {
    this.#deliveries.length = 0;
  }

  /** Sends in the background; the returned promise settles when the receiver answered (or failed). */
  send(
    url: string,
    body: Record<string, unknown>,
    signature: SignatureKnob = 'valid',
  ): Promise<WebhookDelivery> {
    const bytes = JSON.stringify(body, null, 2);
    const delivery: WebhookDelivery = {
      id: this.#nextId++,
      url,
      webhook_type: String(body.webhook_type),
      webhook_code: String(body.webhook_code),
      item_id: typeof body.item_id === 'string' ? body.item_id : null,
      body,
      signature,
      sent_at: new Date().toISOString(),
      status: null,
      error: null,
    };
    this.#deliveries.push(delivery);
    if (this.#deliveries.length > MAX_KEPT) this.#deliveries.splice(0, this.#deliveries.length - MAX_KEPT);
    const headers = {
      'content-type': 'application/json',
      'plaid-verification': this.#signer.sign(bytes, Math.floor(Date.now() / 1000), signature),
    };
    const task = fetch(url, {
      method: 'POST',
      headers,
      body: bytes,
      signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
    })
      .then(async (res) => {
        delivery.status = res.status;
        await res.body?.cancel();
      })
      .catch((err: unknown) => {
        delivery.error = err instanceof Error ? err.message : String(err);
      })
      .then(() => delivery);
    this.#inFlight.add(task);
    void task.finally(() => this.#inFlight.delete(task));
    return task;
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled([...this.#inFlight]);
  }
}
