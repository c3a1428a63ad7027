/** ISO 4217 codes a document is likely to print (the active, commonly traded ones). */
export const ISO_CURRENCIES = [
  'EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CNY', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK',
  'HUF', 'RON', 'BGN', 'HRK', 'ISK', 'TRY', 'RUB', 'UAH', 'INR', 'MYR', 'SGD', 'HKD', 'IDR', 'THB',
  'PHP', 'VND', 'KRW', 'TWD', 'ZAR', 'BRL', 'MXN', 'ARS', 'CLP', 'COP', 'PEN', 'AED', 'SAR', 'QAR',
  'ILS', 'EGP', 'MAD', 'NGN', 'KES', 'PKR', 'BDT', 'LKR',
] as const;
const CODES = new Set<string>(ISO_CURRENCIES);

/** Symbols and local abbreviations → ISO code. "$" alone is ambiguous; the caller may refine it. */
const SYMBOLS: Record<string, string> = {
  '€': 'EUR', EURO: 'EUR', EUROS: 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', RS: 'INR', 'RS.': 'INR',
  RM: 'MYR', RINGGIT: 'MYR', 'US$': 'USD', $: 'USD', 'S$': 'SGD', 'A$': 'AUD', 'C$': 'CAD', 'R$': 'BRL',
  'HK$': 'HKD', FR: 'CHF', 'SFR.': 'CHF', ZŁ: 'PLN', ZL: 'PLN', KČ: 'CZK', KR: 'SEK', '₩': 'KRW', '₽': 'RUB',
  '₺': 'TRY', '₪': 'ILS', '฿': 'THB', '₫': 'VND', RP: 'IDR', DOLLAR: 'USD', DOLLARS: 'USD',
};

/** Regex source matching a currency written next to an amount. */
export const CURRENCY_PATTERN = String.raw`(?:${ISO_CURRENCIES.join('|')}|RM|Rp|HK\$|S\$|US\$|A\$|C\$|R\$|[$€£¥₹₩₽₺₪฿₫])`;

export function toIsoCurrency(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = text.normalize('NFKC').trim().toUpperCase();
  if (CODES.has(s)) return s;
  return SYMBOLS[s] ?? null;
}

// Symbols count only next to a number: OCR turns specks into "¥" and "£". Compiled once (not global:
// exec keeps no state), as findCurrency reads every segment of every document.
const CURRENCY_IN_TEXT = new RegExp(
  String.raw`(?<![A-Za-z])(${ISO_CURRENCIES.join('|')})(?![A-Za-z])|(€|£|¥|₹|US\$|S\$|RM)(?=\s?\d)|(?<=\d\s?)(€|£)`,
  'u',
);

/**
 * Finds the first currency code or symbol in a line ("Devise : EURO (EUR)", "Total € 12").
 * With `anywhere`, a symbol counts even away from a number ("Total € Incl. VAT"): safe on a text
 * layer, not on OCR output, where specks become "¥" and "£".
 */
export function findCurrency(text: string, opts: { anywhere?: boolean } = {}): string | null {
  if (opts.anywhere) {
    const sym = /(€|£|₹|US\$)/u.exec(text.normalize('NFKC'));
    if (sym) return toIsoCurrency(sym[1]);
  }
  const m = CURRENCY_IN_TEXT.exec(text.normalize('NFKC'));
  if (!m) return null;
  return toIsoCurrency(m[1] ?? m[2] ?? m[3]);
}
