const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);
// First words of two-word city names, so "SAN FRANCISCO CA" loses both words.
const CITY_PREFIXES = new Set([
  'SAN',
  'SANTA',
  'LOS',
  'LAS',
  'NEW',
  'ST',
  'FORT',
  'FT',
  'EL',
  'PALO',
  'SALT',
  'LONG',
  'MOUNTAIN',
  'NORTH',
  'SOUTH',
  'EAST',
  'WEST',
]);

const LEADING_NOISE = [
  /^PURCHASE AUTHORI[SZ]ED ON \d{1,2}\/\d{1,2}\s+/,
  /^(POS|DEBIT CARD|CHECK ?CARD|VISA|RECURRING|ONLINE|CARD) (PURCHASE|DEBIT|PAYMENT)( - )?\s*/,
  /^CHECKCARD \d{4}\s+/,
  /^(ACH|PREAUTHORIZED|ELECTRONIC) (DEBIT|CREDIT|PAYMENT|WITHDRAWAL)\s+/,
  /^(PURCHASE|PAYMENT|DEBIT|WITHDRAWAL)( AT| TO)?\s+/,
  /^\d{1,2}\/\d{1,2}\s+/,
];
// Payment processors' prefixes: "SQ *", "TST* ", "PAYPAL *", "PP*", "SP ", "PY *", "IC* ", "DD *".
const PROCESSOR_PREFIX = /^(SQ|TST|PAYPAL|PP|SP|PY|IC|DD|SMK|GGL|GOOGLE|APL|APPLE|BT|WPY|CKO|ZTL)\s?\*\s*/;

function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s&/-])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function looksLikeCode(token: string): boolean {
  return /\d/.test(token) || /^#/.test(token) || /^X{2,}/.test(token);
}

/**
 * A readable payee from a bank descriptor: Plaid's merchant name when present, else the descriptor without
 * card-network boilerplate, processor prefixes, store numbers, dates, and the trailing "CITY ST".
 * "SQ *BLUE BOTTLE 1234 SAN FRANCISCO CA" → "Blue Bottle".
 */
export function cleanPayee(rawName: string, merchantName?: string | null): string {
  if (merchantName?.trim()) {
    const m = merchantName.trim();
    return m === m.toUpperCase() ? titleCase(m) : m;
  }
  let s = rawName.toUpperCase().replace(/\s+/g, ' ').trim();
  for (const re of LEADING_NOISE) s = s.replace(re, '');
  s = s.replace(PROCESSOR_PREFIX, '');
  // Marketplace ids after a star ("AMZN MKTP US*2K1AB2CD3").
  s = s.replace(/\*\s*[A-Z0-9]{6,}\b/g, ' ');
  s = s.replace(/[*]/g, ' ').replace(/\s+/g, ' ').trim();
  let tokens = s.split(' ').filter(Boolean);
  // Trailing state, then the city before it (one or two words), kept only if something remains.
  if (tokens.length >= 3 && US_STATES.has(tokens.at(-1)!)) {
    tokens = tokens.slice(0, -1);
    const cityWords = tokens.length >= 3 && CITY_PREFIXES.has(tokens.at(-2)!) ? 2 : 1;
    if (tokens.length - cityWords >= 1 && !looksLikeCode(tokens.at(-1)!))
      tokens = tokens.slice(0, -cityWords);
  }
  // Store numbers, card masks, phone numbers and dates anywhere after the first word.
  const kept = tokens.filter((tok, i) => i === 0 || !looksLikeCode(tok));
  const out = (kept.length > 0 ? kept : tokens).join(' ').replace(/[\s.,#-]+$/, '');
  return out ? titleCase(out) : rawName.trim();
}

/** The key learned categories are filed under: the cleaned payee, lower case, letters and spaces only. */
export function merchantKey(rawName: string, merchantName?: string | null): string {
  return cleanPayee(rawName, merchantName)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}& ]+/gu, ' ')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}
