/** Wire shapes of the Plaid objects the emulator returns (every required key present, null where nullable). */

export interface AccountBalance {
  available: number | null;
  current: number | null;
  limit: number | null;
  iso_currency_code: string | null;
  unofficial_currency_code: string | null;
}

export interface AccountBase {
  account_id: string;
  balances: AccountBalance;
  mask: string | null;
  name: string;
  official_name: string | null;
  type: string;
  subtype: string | null;
  holder_category: 'personal';
}

export interface PersonalFinanceCategory {
  primary: string;
  detailed: string;
  confidence_level: string | null;
  version?: 'v1' | 'v2';
}

export interface Counterparty {
  name: string;
  type: string;
  website: string | null;
  logo_url: string | null;
  entity_id: string | null;
  confidence_level: string | null;
}

export interface Location {
  address: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  store_number: string | null;
}

export interface PaymentMeta {
  reference_number: string | null;
  ppd_id: string | null;
  payee: string | null;
  by_order_of: string | null;
  payer: string | null;
  payment_method: string | null;
  payment_processor: string | null;
  reason: string | null;
}

export interface Transaction {
  account_id: string;
  account_owner: string | null;
  amount: number;
  iso_currency_code: string | null;
  unofficial_currency_code: string | null;
  check_number: string | null;
  counterparties: Counterparty[];
  date: string;
  datetime: string | null;
  authorized_date: string | null;
  authorized_datetime: string | null;
  location: Location;
  name: string;
  merchant_name: string | null;
  merchant_entity_id: string | null;
  logo_url: string | null;
  website: string | null;
  original_description: string | null;
  payment_channel: 'online' | 'in store' | 'other';
  payment_meta: PaymentMeta;
  pending: boolean;
  pending_transaction_id: string | null;
  personal_finance_category: PersonalFinanceCategory;
  personal_finance_category_icon_url: string;
  transaction_code: string | null;
  transaction_id: string;
  transaction_type: 'digital' | 'place' | 'special' | 'unresolved';
}

export interface RemovedTransaction {
  transaction_id: string;
  account_id: string;
}
