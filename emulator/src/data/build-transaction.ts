import type { Location, Transaction } from '../plaid/plaid-objects.ts';
import { SeededRandom } from '../random/seeded-random.ts';
import { isoFromDay } from './calendar-day.ts';
import type { PfcTaxonomy } from './pfc-taxonomy.ts';
import type { TransactionDraft } from './transaction-draft.ts';

const NO_LOCATION: Location = Object.freeze({
  address: null,
  city: null,
  region: null,
  postal_code: null,
  country: null,
  lat: null,
  lon: null,
  store_number: null,
});

const NO_PAYMENT_META = Object.freeze({
  reference_number: null,
  ppd_id: null,
  payee: null,
  by_order_of: null,
  payer: null,
  payment_method: null,
  payment_processor: null,
  reason: null,
});

const entityIds = new Map<string, string>();

function entityIdFor(name: string): string {
  let id = entityIds.get(name);
  if (!id) {
    id = new SeededRandom(`entity:${name}`).id(22);
    entityIds.set(name, id);
  }
  return id;
}

export interface BuildTransactionInput {
  draft: TransactionDraft;
  transactionId: string;
  accountId: string;
  currency: string;
  pending: boolean;
  pendingTransactionId: string | null;
}

/** Turns a draft into the Plaid Transaction object a pending or posted copy shows on the wire. */
export function buildTransaction(input: BuildTransactionInput, taxonomy: PfcTaxonomy): Transaction {
  const { draft, pending } = input;
  const cents = pending ? draft.amountCents : (draft.postedAmountCents ?? draft.amountCents);
  const pfc = taxonomy.get(draft.detailed);
  const merchant = draft.merchantName;
  const logo =
    draft.hasLogo && draft.website
      ? `https://plaid-merchant-logos.plaid.com/${slug(draft.website)}.png`
      : null;
  const location: Location = draft.city
    ? {
        address: null,
        city: draft.city[0],
        region: draft.city[1],
        postal_code: draft.city[2],
        country: input.currency === 'USD' ? 'US' : null,
        lat: null,
        lon: null,
        store_number: null,
      }
    : NO_LOCATION;
  const ppd = /PPD ID: (\d+)/.exec(draft.descriptor)?.[1] ?? null;
  return {
    account_id: input.accountId,
    account_owner: null,
    amount: cents / 100,
    iso_currency_code: input.currency,
    unofficial_currency_code: null,
    check_number: null,
    counterparties:
      merchant && draft.counterpartyType
        ? [
            {
              name: merchant,
              type: draft.counterpartyType,
              website: draft.website,
              logo_url: logo,
              entity_id: entityIdFor(merchant),
              confidence_level: draft.confidence === 'LOW' ? 'LOW' : 'VERY_HIGH',
            },
          ]
        : [],
    date: isoFromDay(pending ? draft.authorizedDay : draft.postDay),
    datetime: null,
    authorized_date: isoFromDay(draft.authorizedDay),
    authorized_datetime: null,
    location,
    name: draft.descriptor,
    merchant_name: merchant,
    merchant_entity_id: merchant ? entityIdFor(merchant) : null,
    logo_url: logo,
    website: draft.website,
    original_description: draft.descriptor,
    payment_channel: draft.channel,
    payment_meta: ppd ? { ...NO_PAYMENT_META, ppd_id: ppd } : NO_PAYMENT_META,
    pending,
    pending_transaction_id: input.pendingTransactionId,
    personal_finance_category: {
      primary: pfc.primary,
      detailed: pfc.detailed,
      confidence_level: draft.confidence,
      version: 'v2',
    },
    personal_finance_category_icon_url: `https://plaid-category-icons.plaid.com/PFC_${pfc.primary}.png`,
    transaction_code: null,
    transaction_id: input.transactionId,
    transaction_type:
      draft.channel === 'online' ? 'digital' : draft.channel === 'in store' ? 'place' : 'special',
  };
}

const slugs = new Map<string, string>();

function slug(website: string): string {
  let s = slugs.get(website);
  if (s === undefined) {
    s = website.replace(/\.[a-z.]+$/, '').replace(/[^a-z0-9]+/gi, '-');
    slugs.set(website, s);
  }
  return s;
}
