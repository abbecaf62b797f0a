import { type Day, dayFromDate } from '../data/calendar-day.ts';
import { PfcTaxonomy } from '../data/pfc-taxonomy.ts';
import { findInstitution } from '../data/sandbox-institutions.ts';
import { FaultInjector } from '../faults/fault-injector.ts';
import { SandboxItem } from '../items/sandbox-item.ts';
import type { LinkToken } from '../link/link-token.ts';
import { MailStore } from '../mail/mail-store.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import { prebuildTransactionJson } from '../sync/transaction-json.ts';
import { WebhookSender } from '../webhooks/webhook-sender.ts';
import { WebhookSigner } from '../webhooks/webhook-signer.ts';
import { type EmulatorSnapshot, type ItemRecipe, SNAPSHOT_VERSION } from './emulator-snapshot.ts';

export interface EmulatorSettings {
  seed: number;
  clientId: string;
  secret: string;
  /** Simulated "today" (YYYY-MM-DD) for new items; default: the real UTC date. */
  today?: string;
  /** Delay before a Link/sandbox-created item's first 30 days, then its full history, become visible. */
  initialDelayMs: number;
  historicalDelayMs: number;
}

export interface CreateItemRequest {
  institutionId: string;
  username: string;
  password?: string;
  webhook: string | null;
  products: string[];
  transactions?: number;
  historyDays: number;
  initialDelayMs: number;
  historicalDelayMs: number;
}

interface PublicToken {
  itemId: string;
  expiresAt: number;
  used: boolean;
}

const PUBLIC_TOKEN_TTL_MS = 30 * 60_000;

/** Everything the emulator knows, in memory: items, tokens, link sessions, webhooks, faults and mail. */
export class EmulatorState {
  readonly settings: EmulatorSettings;
  readonly taxonomy = PfcTaxonomy.load();
  readonly signer: WebhookSigner;
  readonly webhooks: WebhookSender;
  readonly mail = new MailStore();
  random: SeededRandom;
  faults: FaultInjector;
  items = new Map<string, SandboxItem>();
  itemsByToken = new Map<string, SandboxItem>();
  publicTokens = new Map<string, PublicToken>();
  linkTokens = new Map<string, LinkToken>();
  /** Called after a scheduled task (a timed release, a refresh) changed state outside any request. */
  onScheduledChange: () => void = () => undefined;
  readonly #timers = new Set<NodeJS.Timeout>();
  #recipes = new Map<string, ItemRecipe>();

  constructor(settings: EmulatorSettings, signingKey?: EmulatorSnapshot['signingKey']) {
    this.settings = { ...settings };
    this.random = new SeededRandom(settings.seed);
    this.faults = new FaultInjector(settings.seed);
    const kid = this.random.fork('kid').uuid();
    this.signer = new WebhookSigner(kid, Math.floor(Date.now() / 1000), signingKey);
    this.webhooks = new WebhookSender(this.signer);
  }

  /**
   * Rebuilds a saved emulator: each item is regenerated from its recipe and its changes replayed, so
   * transaction ids, change-log positions (and so cursors) and ground truth are what they were.
   */
  static restore(settings: EmulatorSettings, snapshot: EmulatorSnapshot): EmulatorState {
    if (snapshot.version !== SNAPSHOT_VERSION)
      throw new Error(`unsupported emulator state version ${String(snapshot.version)}`);
    const state = new EmulatorState({ ...settings, seed: snapshot.seed }, snapshot.signingKey);
    state.random = SeededRandom.fromState(snapshot.random);
    for (const saved of snapshot.items) {
      const item = state.#generateItem(saved.recipe, saved.webhook);
      item.replay(saved.changes);
      const e = saved.error;
      item.error = e
        ? new PlaidApiError(e.httpStatus, e.errorType, e.errorCode, e.message, e.displayMessage ?? undefined)
        : null;
      item.syncCalled = saved.syncCalled;
      item.lastSuccessfulUpdate = saved.lastSuccessfulUpdate;
      item.mutationTrap = saved.mutationTrap;
      if (saved.removed) state.removeItem(item);
      else state.#scheduleReleases(item);
    }
    for (const { token, ...entry } of snapshot.publicTokens) state.publicTokens.set(token, entry);
    for (const token of snapshot.linkTokens) state.linkTokens.set(token.link_token, token);
    for (const mail of snapshot.mail) state.mail.add(mail);
    return state;
  }

  /** Everything `restore` needs, as plain JSON-able data. */
  snapshot(): EmulatorSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      seed: this.settings.seed,
      random: this.random.state(),
      signingKey: this.signer.signingKey(),
      items: [...this.items.values()].map((item) => ({
        recipe: this.#recipes.get(item.itemId)!,
        changes: [...item.changes],
        webhook: item.webhook,
        error: item.error && {
          httpStatus: item.error.httpStatus,
          errorType: item.error.errorType,
          errorCode: item.error.errorCode,
          message: item.error.message,
          displayMessage: item.error.displayMessage,
        },
        removed: item.removed,
        syncCalled: item.syncCalled,
        lastSuccessfulUpdate: item.lastSuccessfulUpdate,
        mutationTrap: item.mutationTrap && { ...item.mutationTrap },
      })),
      publicTokens: [...this.publicTokens].map(([token, entry]) => ({ token, ...entry })),
      linkTokens: [...this.linkTokens.values()],
      mail: [...this.mail.list()],
    };
  }

  /** Forgets every item, token, webhook delivery, fault and mail; reseeds. The signing key stays. */
  reset(seed = this.settings.seed): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.settings.seed = seed;
    this.random = new SeededRandom(seed);
    this.random.fork('kid');
    this.faults = new FaultInjector(seed);
    this.items = new Map();
    this.#recipes = new Map();
    this.itemsByToken = new Map();
    this.publicTokens = new Map();
    this.linkTokens = new Map();
    this.webhooks.clear();
    this.mail.clear();
  }

  today(): Day {
    return this.settings.today
      ? dayFromDate(new Date(`${this.settings.today}T00:00:00Z`))
      : dayFromDate(new Date());
  }

  createItem(request: CreateItemRequest): SandboxItem {
    const institution = findInstitution(request.institutionId);
    if (!institution) {
      throw new PlaidApiError(
        400,
        'INVALID_INPUT',
        'INVALID_INSTITUTION',
        `invalid institution_id provided: ${request.institutionId}`,
      );
    }
    const now = Date.now();
    const itemRandom = this.random.fork(`item:${this.items.size}`);
    const itemId = itemRandom.id();
    const accessToken = `access-sandbox-${itemRandom.uuid()}`;
    const item = this.#generateItem(
      {
        itemId,
        accessToken,
        institutionId: institution.institution_id,
        username: request.username,
        products: request.products,
        ...(request.transactions === undefined ? {} : { transactions: request.transactions }),
        historyDays: request.historyDays,
        today: this.today(),
        createdAt: now,
        initialReadyAt: now + request.initialDelayMs,
        historicalReadyAt: now + request.initialDelayMs + request.historicalDelayMs,
        random: itemRandom.state(),
      },
      request.webhook,
    );
    this.releaseDue(item);
    this.#scheduleReleases(item);
    prebuildTransactionJson(item.log.live.values(), this.taxonomy);
    return item;
  }

  #generateItem(recipe: ItemRecipe, webhook: string | null): SandboxItem {
    const institution = findInstitution(recipe.institutionId);
    if (!institution) throw new Error(`item ${recipe.itemId} names an unknown institution`);
    const item = new SandboxItem({
      itemId: recipe.itemId,
      accessToken: recipe.accessToken,
      institution,
      username: recipe.username,
      webhook,
      products: recipe.products,
      ...(recipe.transactions === undefined ? {} : { transactions: recipe.transactions }),
      historyDays: recipe.historyDays,
      today: recipe.today,
      initialReadyAt: recipe.initialReadyAt,
      historicalReadyAt: recipe.historicalReadyAt,
      random: SeededRandom.fromState(recipe.random),
      taxonomy: this.taxonomy,
      createdAt: recipe.createdAt,
    });
    this.#recipes.set(item.itemId, recipe);
    this.items.set(item.itemId, item);
    this.itemsByToken.set(item.accessToken, item);
    return item;
  }

  issuePublicToken(item: SandboxItem): string {
    const token = `public-sandbox-${this.random.uuid()}`;
    this.publicTokens.set(token, {
      itemId: item.itemId,
      expiresAt: Date.now() + PUBLIC_TOKEN_TTL_MS,
      used: false,
    });
    return token;
  }

  exchangePublicToken(token: string): SandboxItem {
    const entry = this.publicTokens.get(token);
    const item = entry ? this.items.get(entry.itemId) : undefined;
    if (!entry || entry.used || entry.expiresAt < Date.now() || !item || item.removed) {
      throw new PlaidApiError(
        400,
        'INVALID_INPUT',
        'INVALID_PUBLIC_TOKEN',
        'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged',
      );
    }
    entry.used = true;
    return item;
  }

  /** The live item for an access token, with any due pulls released; INVALID_ACCESS_TOKEN otherwise. */
  itemForAccessToken(token: string): SandboxItem {
    if (!/^access-(sandbox|production|development)-/.test(token)) throw PlaidApiError.invalidAccessToken();
    const item = this.itemsByToken.get(token);
    if (!item || item.removed) {
      throw new PlaidApiError(
        400,
        'INVALID_INPUT',
        'INVALID_ACCESS_TOKEN',
        'could not find matching access token',
      );
    }
    this.releaseDue(item);
    return item;
  }

  itemById(itemId: string): SandboxItem | undefined {
    const item = this.items.get(itemId);
    if (item) this.releaseDue(item);
    return item;
  }

  removeItem(item: SandboxItem): void {
    item.removed = true;
    this.itemsByToken.delete(item.accessToken);
  }

  /** Releases the initial/historical pull if due and tells the item's webhook. */
  releaseDue(item: SandboxItem): void {
    const released = item.release(Date.now());
    if (released) this.notifySyncUpdates(item);
  }

  /** SYNC_UPDATES_AVAILABLE, which Plaid sends only once /transactions/sync has been called on the item. */
  notifySyncUpdates(item: SandboxItem): void {
    if (!item.webhook || !item.syncCalled || item.removed) return;
    const status = item.updateStatus;
    void this.webhooks.send(item.webhook, {
      webhook_type: 'TRANSACTIONS',
      webhook_code: 'SYNC_UPDATES_AVAILABLE',
      item_id: item.itemId,
      initial_update_complete: status !== 'NOT_READY',
      historical_update_complete: status === 'HISTORICAL_UPDATE_COMPLETE',
      environment: 'sandbox',
    });
  }

  schedule(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      task();
      this.onScheduledChange();
    }, ms);
    timer.unref();
    this.#timers.add(timer);
  }

  #scheduleReleases(item: SandboxItem): void {
    const at = item.nextReleaseAt;
    if (at === null) return;
    this.schedule(Math.max(0, at - Date.now()), () => {
      if (item.removed) return;
      this.releaseDue(item);
      this.#scheduleReleases(item);
    });
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.webhooks.close();
  }
}
