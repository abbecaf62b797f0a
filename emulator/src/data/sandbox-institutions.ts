/** Plaid's Sandbox-only institutions (non-OAuth unless stated) and what the emulator offers for them. */
export interface SandboxInstitution {
  institution_id: string;
  name: string;
  country: 'US' | 'CA' | 'GB';
  currency: 'USD' | 'CAD' | 'GBP';
  oauth: boolean;
  url: string;
  primary_color: string;
  routing_numbers: string[];
  /** Always asks for MFA in the hosted Link flow (Bank of America / U.S. Bank behave so in Sandbox). */
  forcesMfa?: boolean;
}

const PRODUCTS = ['assets', 'auth', 'balance', 'identity', 'investments', 'liabilities', 'transactions'];

export const SANDBOX_INSTITUTIONS: readonly SandboxInstitution[] = [
  inst('ins_109508', 'First Platypus Bank', 'US', '#1f1f1f', ['011000138']),
  inst('ins_130016', 'First Platypus Balance Bank', 'US', '#0a3d62', ['011000139']),
  inst('ins_109509', 'First Gingham Credit Union', 'US', '#2e86de', ['011401533']),
  inst('ins_109510', 'Tattersall Federal Credit Union', 'US', '#6d214f', ['021000021']),
  inst('ins_109511', 'Tartan Bank', 'US', '#b33939', ['231372691'], true),
  inst('ins_109512', 'Houndstooth Bank', 'US', '#218c74', ['011103093']),
  inst('ins_43', 'Tartan-Dominion Bank of Canada', 'CA', '#c0392b', []),
  inst('ins_117650', 'Royal Bank of Plaid', 'GB', '#30336b', []),
  { ...inst('ins_127287', 'Platypus OAuth Bank', 'US', '#130f40', ['011000140']), oauth: true },
];

function inst(
  institution_id: string,
  name: string,
  country: SandboxInstitution['country'],
  primary_color: string,
  routing_numbers: string[],
  forcesMfa = false,
): SandboxInstitution {
  const currency = country === 'US' ? 'USD' : country === 'CA' ? 'CAD' : 'GBP';
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
  return {
    institution_id,
    name,
    country,
    currency,
    oauth: false,
    url: `https://www.${slug}.example`,
    primary_color,
    routing_numbers,
    forcesMfa,
  };
}

export const INSTITUTION_PRODUCTS: readonly string[] = PRODUCTS;

export function findInstitution(id: string): SandboxInstitution | undefined {
  return SANDBOX_INSTITUTIONS.find((i) => i.institution_id === id);
}
