import { PlaidApiError } from '../plaid/plaid-api-error.ts';

export type CredentialOutcome =
  | { kind: 'ok' }
  | { kind: 'mfa'; mfaType: 'code' | 'questions'; prompt: string; expected: string }
  | { kind: 'error'; error: PlaidApiError };

const USERS = new Set([
  'user_good',
  'user_transactions_dynamic',
  'user_ewa_user',
  'user_yuppie',
  'user_small_business',
]);

const ERROR_TYPES: Record<string, string> = {
  INSTITUTION_DOWN: 'INSTITUTION_ERROR',
  INSTITUTION_NOT_RESPONDING: 'INSTITUTION_ERROR',
  INSTITUTION_NOT_AVAILABLE: 'INSTITUTION_ERROR',
  INSTITUTION_NO_LONGER_SUPPORTED: 'INSTITUTION_ERROR',
  INTERNAL_SERVER_ERROR: 'API_ERROR',
};

/**
 * Plaid Sandbox's test credentials: `user_good`/`pass_good`; `user_transactions_dynamic` with any
 * password; password `mfa_device` (code 1234) or `mfa_questions_1_1` (answer `answer_1_1`);
 * password `error_<CODE>` fails linking with that error.
 */
export function checkSandboxCredentials(
  username: string,
  password: string,
  mfaAnswer?: string,
): CredentialOutcome {
  const errorCode = /^error_([A-Z_]+)$/.exec(password)?.[1];
  if (errorCode) {
    const type = ERROR_TYPES[errorCode] ?? 'ITEM_ERROR';
    const status = type === 'API_ERROR' ? 500 : 400;
    return {
      kind: 'error',
      error: new PlaidApiError(
        status,
        type,
        errorCode,
        `sandbox credentials requested ${errorCode}`,
        'The provided credentials were not correct. Please try again.',
      ),
    };
  }
  if (!USERS.has(username)) return invalidCredentials();
  if (password === 'mfa_device' || /^mfa_questions_\d+_\d+$/.test(password)) {
    const device = password === 'mfa_device';
    const expected = device ? '1234' : 'answer_1_1';
    if (mfaAnswer === undefined) {
      return {
        kind: 'mfa',
        mfaType: device ? 'code' : 'questions',
        prompt: device
          ? 'Enter the code we sent to your phone (sandbox: 1234)'
          : 'What is your favourite colour? (sandbox: answer_1_1)',
        expected,
      };
    }
    if (mfaAnswer !== expected) {
      return {
        kind: 'error',
        error: new PlaidApiError(
          400,
          'ITEM_ERROR',
          'INVALID_MFA',
          'the provided MFA response(s) were not correct',
          'The provided code was not correct. Please try again.',
        ),
      };
    }
    return { kind: 'ok' };
  }
  if (username === 'user_good' && password !== 'pass_good') return invalidCredentials();
  if (password === '') return invalidCredentials();
  return { kind: 'ok' };
}

function invalidCredentials(): CredentialOutcome {
  return {
    kind: 'error',
    error: new PlaidApiError(
      400,
      'ITEM_ERROR',
      'INVALID_CREDENTIALS',
      'the provided credentials were not correct',
      'The provided credentials were not correct. Please try again.',
    ),
  };
}
