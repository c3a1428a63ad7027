/** IBAN lengths per country (ISO 13616 registry), so a partial read is not mistaken for an IBAN. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AT: 20, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18,
  EE: 20, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GI: 23, GL: 18, GR: 27, HR: 21, HU: 28, IE: 22, IL: 23,
  IS: 26, IT: 27, KW: 30, KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19,
  MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
};

/** ISO 7064 mod 97-10: the check every IBAN carries, which rejects nearly all misreads. */
export function isValidIban(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  const len = IBAN_LENGTHS[s.slice(0, 2)];
  if (!len || s.length !== len || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Finds IBANs in text, printed grouped ("DE89 3704 0044 0532 0130 00") or not; only valid ones. */
export function findIbans(text: string): { iban: string; text: string; index: number }[] {
  const out: { iban: string; text: string; index: number }[] = [];
  for (const m of text.matchAll(/\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{1,4}){3,8})\b/g)) {
    // Try the longest prefix that validates: the grouped form may run into the next token.
    const compact = m[1].replace(/\s+/g, '');
    const len = IBAN_LENGTHS[compact.slice(0, 2)];
    if (len && compact.length >= len && isValidIban(compact.slice(0, len))) {
      out.push({ iban: compact.slice(0, len), text: m[0], index: m.index ?? 0 });
    }
  }
  return out;
}

/** EU VAT numbers and similar tax ids: a country prefix and 8–12 digits/letters ("DE136695976", "FR 11 123 456 782"). */
export function findVatIds(text: string): { value: string; text: string; index: number }[] {
  const out: { value: string; text: string; index: number }[] = [];
  const re = /\b(ATU|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|GB|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|CHE|NO|XI)[\s-]?((?:[0-9A-Z][\s.]?){8,12})(?![0-9A-Za-z])/g;
  for (const m of text.matchAll(re)) {
    const body = m[2].replace(/[\s.]/g, '');
    if (!/\d{6}/.test(body.replace(/[A-Z]/g, ''))) continue;
    out.push({ value: m[1] + body, text: m[0].trim(), index: m.index ?? 0 });
  }
  return out;
}

export function findEmails(text: string): string[] {
  // Bounded parts that start at a token start: the unbounded `[\w.+-]+@` rescanned a long token from
  // every position (9.7 s for one 50,000-character word).
  return [...text.matchAll(/(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g)].map((m) => m[0]);
}

/** Phone numbers: optional +country, 7–15 digits with spaces, dots, dashes or brackets. */
export function findPhones(text: string): { value: string; index: number }[] {
  const out: { value: string; index: number }[] = [];
  for (const m of text.matchAll(/(?<![\w])(\+?\(?\d{1,4}\)?(?:[\s.-]?\(?\d{1,5}\)?){2,6})(?![\w])/g)) {
    const digits = m[1].replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    out.push({ value: m[1].trim(), index: m.index ?? 0 });
  }
  return out;
}

/** IBAN-shaped text whose checksum fails: still worth reporting after an "IBAN" label, flagged. */
export function findIbanShaped(text: string): { iban: string; text: string; index: number } | null {
  const m = /\b([A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?)\b/.exec(text);
  if (!m) return null;
  const compact = m[1].replace(/\s+/g, '');
  return IBAN_LENGTHS[compact.slice(0, 2)] === compact.length ? { iban: compact, text: m[0], index: m.index } : null;
}
