import { findInstitution } from '../data/sandbox-institutions.ts';
import type { PlaidApiError } from '../plaid/plaid-api-error.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import type { LinkSessionRecord, LinkToken } from './link-token.ts';
import { checkSandboxCredentials } from './sandbox-credentials.ts';

export interface LinkAttempt {
  institutionId: string;
  username: string;
  password: string;
  mfaAnswer?: string;
}

export type LinkOutcome =
  | { kind: 'mfa'; prompt: string; mfaType: string }
  | { kind: 'error'; error: PlaidApiError; linkSessionId: string }
  | {
      kind: 'success';
      publicToken: string;
      metadata: NonNullable<LinkSessionRecord['results']>['item_add_results'][number] & {
        link_session_id: string;
      };
    };

/**
 * Finishes a Link session (hosted page or link-initialize.js): checks Sandbox credentials, creates
 * the item (or repairs it in update mode), records the session for /link/token/get and sends the
 * LINK webhooks (ITEM_ADD_RESULT, SESSION_FINISHED) to the token's webhook.
 */
export function completeLinkSession(
  state: EmulatorState,
  token: LinkToken,
  attempt: LinkAttempt,
): LinkOutcome {
  const outcome = checkSandboxCredentials(attempt.username, attempt.password, attempt.mfaAnswer);
  if (outcome.kind === 'mfa') return { kind: 'mfa', prompt: outcome.prompt, mfaType: outcome.mfaType };
  const linkSessionId = state.random.uuid();
  const now = new Date().toISOString();
  const institution = findInstitution(attempt.institutionId);
  const instRef = institution ? { name: institution.name, institution_id: institution.institution_id } : null;
  if (outcome.kind === 'error') {
    token.sessions.push({
      link_session_id: linkSessionId,
      started_at: now,
      finished_at: now,
      results: null,
      exit: {
        error: outcome.error.toBody(),
        metadata: {
          institution: instRef,
          status: 'requires_credentials',
          link_session_id: linkSessionId,
          request_id: linkSessionId.slice(0, 15),
        },
      },
    });
    return { kind: 'error', error: outcome.error, linkSessionId };
  }
  const config = token.config;
  const item = config.access_token
    ? state.itemForAccessToken(config.access_token)
    : state.createItem({
        institutionId: attempt.institutionId,
        username: attempt.username,
        webhook: config.webhook,
        products: config.products.length ? config.products : ['transactions'],
        historyDays: config.days_requested,
        initialDelayMs: state.settings.initialDelayMs,
        historicalDelayMs: state.settings.historicalDelayMs,
      });
  if (config.access_token) item.error = null;
  const publicToken = state.issuePublicToken(item);
  const result = {
    public_token: publicToken,
    accounts: item.accountObjects().map((a) => ({
      id: a.account_id,
      name: a.name,
      mask: a.mask,
      type: a.type,
      subtype: a.subtype,
      verification_status: null,
      class_type: null,
    })),
    institution: { name: item.institution.name, institution_id: item.institution.institution_id },
  };
  token.sessions.push({
    link_session_id: linkSessionId,
    started_at: now,
    finished_at: now,
    results: {
      item_add_results: [result],
      cra_item_add_results: [],
      cra_update_results: [],
      bank_income_results: [],
      payroll_income_results: [],
      document_income_results: null,
    },
    exit: null,
  });
  if (config.webhook) {
    const common = { link_session_id: linkSessionId, link_token: token.link_token, environment: 'sandbox' };
    void state.webhooks.send(config.webhook, {
      webhook_type: 'LINK',
      webhook_code: 'ITEM_ADD_RESULT',
      ...common,
      public_token: publicToken,
    });
    void state.webhooks.send(config.webhook, {
      webhook_type: 'LINK',
      webhook_code: 'SESSION_FINISHED',
      status: 'SUCCESS',
      ...common,
      public_tokens: [publicToken],
      public_token: publicToken,
    });
  }
  return { kind: 'success', publicToken, metadata: { ...result, link_session_id: linkSessionId } };
}
