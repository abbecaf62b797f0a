import type { FastifyInstance } from 'fastify';
import { findInstitution, INSTITUTION_PRODUCTS } from '../data/sandbox-institutions.ts';
import { PlaidApiError } from '../plaid/plaid-api-error.ts';
import { plaidRoute } from '../server/plaid-route.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

export function registerInstitutionsRoutes(app: FastifyInstance, state: EmulatorState): void {
  plaidRoute(app, state, '/institutions/get_by_id', ({ body }) => {
    const id = body.string('institution_id');
    const countries = body.stringArray('country_codes');
    const options = body.optionalObject('options') ?? undefined;
    const withMetadata = options?.optionalBoolean('include_optional_metadata') ?? false;
    options?.optionalBoolean('include_status');
    options?.optionalBoolean('include_auth_metadata');
    options?.optionalBoolean('include_payment_initiation_metadata');
    body.done();
    const inst = findInstitution(id);
    if (!inst || !countries.includes(inst.country)) {
      throw new PlaidApiError(
        400,
        'INVALID_INPUT',
        'INVALID_INSTITUTION',
        `invalid institution_id provided: ${id}`,
      );
    }
    return {
      institution: {
        institution_id: inst.institution_id,
        name: inst.name,
        products: [...INSTITUTION_PRODUCTS],
        country_codes: [inst.country],
        url: withMetadata ? inst.url : null,
        primary_color: withMetadata ? inst.primary_color : null,
        logo: null,
        routing_numbers: inst.routing_numbers,
        dtc_numbers: [],
        oauth: inst.oauth,
      },
    };
  });
}
