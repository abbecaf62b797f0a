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
 *
 * A pure function of its two texts, and a sync cleans the same few payees thousands of times (50k rows of an
 * item hold a few dozen merchant names and a few thousand descriptors without one), so each merchant name and
 * each descriptor is cleaned once per process: a merchant name decides the payee on its own, a descriptor
 * only when there is no merchant name. The memo is emptied when it holds PAYEE_MEMO_LIMIT texts.
 */
export function cleanPayee(rawName: string, merchantName?: string | null): string {
  if (payeeMemo.size >= PAYEE_MEMO_LIMIT) clearPayeeMemo();
  if (merchantName) {
    let fromMerchant = payeeMemo.byMerchant.get(merchantName);
    if (fromMerchant === undefined) {
      fromMerchant = cleanMerchantName(merchantName);
      payeeMemo.byMerchant.set(merchantName, fromMerchant);
      payeeMemo.size++;
    }
    if (fromMerchant !== null) return fromMerchant;
  }
  let fromDescriptor = payeeMemo.byDescriptor.get(rawName);
  if (fromDescriptor === undefined) {
    fromDescriptor = cleanDescriptor(rawName);
    payeeMemo.byDescriptor.set(rawName, fromDescriptor);
    payeeMemo.size++;
  }
  return fromDescriptor;
}

/** The key learned categories are filed under: the cleaned payee, lower case, letters and spaces only. */
export function merchantKey(rawName: string, merchantName?: string | null): string {
  const payee = cleanPayee(rawName, merchantName);
  let key = payeeMemo.keys.get(payee);
  if (key === undefined) {
    key = payee
      .toLowerCase()
      .replace(/[^\p{L}\p{N}& ]+/gu, ' ')
      .replace(/\d+/g, '#')
      .replace(/\s+/g, ' ')
      .trim();
    payeeMemo.keys.set(payee, key);
    payeeMemo.size++;
  }
  return key;
}

/** Plaid's merchant name as a payee, or null when it is blank (the descriptor decides then). */
function cleanMerchantName(merchantName: string): string | null {
  const m = merchantName.trim();
  if (!m) return null;
  return m === m.toUpperCase() ? titleCase(m) : m;
}

function cleanDescriptor(rawName: string): string {
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

/** Texts the memo holds at most (merchant names, descriptors and payees, each a few tens of bytes). */
const PAYEE_MEMO_LIMIT = 100_000;
const payeeMemo = {
  /** Merchant name → its payee, or null for a blank one. */
  byMerchant: new Map<string, string | null>(),
  /** Descriptor → its payee, when there is no merchant name. */
  byDescriptor: new Map<string, string>(),
  /** Cleaned payee → its merchant key. */
  keys: new Map<string, string>(),
  size: 0,
};

function clearPayeeMemo(): void {
  payeeMemo.byMerchant.clear();
  payeeMemo.byDescriptor.clear();
  payeeMemo.keys.clear();
  payeeMemo.size = 0;
}
