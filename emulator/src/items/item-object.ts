import type { SandboxItem } from './sandbox-item.ts';

const AVAILABLE = ['assets', 'auth', 'balance', 'identity', 'investments', 'liabilities'];

/** The Item object of /item/get and /accounts/get. */
export function itemObject(item: SandboxItem) {
  return {
    item_id: item.itemId,
    institution_id: item.institution.institution_id,
    institution_name: item.institution.name,
    webhook: item.webhook,
    auth_method: null,
    error: item.error ? item.error.toBody() : null,
    available_products: AVAILABLE.filter((p) => !item.products.includes(p)),
    billed_products: [...item.products],
    products: [...item.products],
    consented_products: [...item.products],
    consent_expiration_time: null,
    update_type: 'background',
    created_at: new Date(item.createdAt).toISOString(),
  };
}
