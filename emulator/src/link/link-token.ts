import type { PlaidErrorBody } from '../plaid/plaid-api-error.ts';

/** What /link/token/create was asked for, kept to answer /link/token/get and drive Link sessions. */
export interface LinkTokenConfig {
  client_name: string;
  language: string;
  country_codes: string[];
  products: string[];
  webhook: string | null;
  redirect_uri: string | null;
  client_user_id: string;
  /** Update mode: the item being repaired. */
  access_token: string | null;
  hosted_link: { completion_redirect_uri: string | null; url_lifetime_seconds: number | null } | null;
  days_requested: number;
}

export interface LinkSessionRecord {
  link_session_id: string;
  started_at: string;
  finished_at: string | null;
  results: {
    item_add_results: {
      public_token: string;
      accounts: {
        id: string;
        name: string;
        mask: string | null;
        type: string;
        subtype: string | null;
        verification_status: null;
        class_type: null;
      }[];
      institution: { name: string; institution_id: string };
    }[];
    cra_item_add_results: never[];
    cra_update_results: never[];
    bank_income_results: never[];
    payroll_income_results: never[];
    document_income_results: null;
  } | null;
  exit: {
    error: PlaidErrorBody | null;
    metadata: {
      institution: { name: string; institution_id: string } | null;
      status: string | null;
      link_session_id: string;
      request_id: string;
    };
  } | null;
}

export interface LinkToken {
  link_token: string;
  created_at: string;
  expiration: string;
  expiresAt: number;
  config: LinkTokenConfig;
  sessions: LinkSessionRecord[];
}
