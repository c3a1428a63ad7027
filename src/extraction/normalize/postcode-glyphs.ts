/**
 * OCR's letter/digit confusions inside the postcodes of other countries, repaired by the shape each
 * country's postcode has: a position that must be a digit reads I, l, | as 1 and O as 0, one that
 * must be a letter reads 0 as O and 1 as I. Only where the whole code then has its country's shape
 * (and, for the two-part codes, where its neighbours say which country), so that no other token of
 * an address is touched: "Bristol BSI 5TR" → "BS1 5TR", "EHI IYZ" → "EH1 1YZ", "Y01 7HH" → "YO1 7HH"
 * (UK), "0N KIP 5G8" → "ON K1P 5G8" (Canada), "Portland, 0R 97205" → "OR" (a US state before its
 * ZIP), "301l AD Rotterdam" → "3011 AD" (Dutch). PP-OCRv4 read 17 of 110 rendered receipts from
 * abroad with such a postcode (BENCHMARKS.md, issue 14).
 */
// Only the confusions PP-OCRv4 makes in such codes: I, l, | for 1 and O for 0, and back.
const toDigit = (c: string) => ({ I: '1', l: '1', '|': '1', i: '1', O: '0', o: '0' })[c] ?? c;
const toLetter = (c: string) => ({ '0': 'O', '1': 'I' })[c] ?? c;

/** The US states' and DC's postal abbreviations. */
export const US_STATES = new Set('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(' '));
const CA_PROVINCES = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));
/** The UK's postcode areas of one letter; any other letter before the district is half of a two-letter area ("Y01" = "YO1"). */
const UK_ONE_LETTER_AREAS = new Set('BEGLMNSW'.split(''));

/** Applies a shape ('L' letter, 'D' digit, '?' either) to a token, or null when it cannot have it. */
function coerce(token: string, shape: string): string | null {
  if (token.length !== shape.length) return null;
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const c = shape[i] === 'D' ? toDigit(token[i] as string) : shape[i] === 'L' ? toLetter(token[i] as string) : (token[i] as string);
    if ((shape[i] === 'D' && !/\d/.test(c)) || (shape[i] === 'L' && !/[A-Z]/.test(c)) || (shape[i] === '?' && !/[A-Z\d]/.test(c))) return null;
    out += c;
  }
  return out;
}

/** The outward code's shape that changes fewest characters; a one-letter area must be one the UK has. */
function ukOutward(token: string): string | null {
  let best: string | null = null;
  let fewest = Infinity;
  for (const shape of ['LD', 'LDD', 'LDL', 'LLD', 'LLDD', 'LLDL']) {
    const c = coerce(token, shape);
    if (!c || (shape[1] === 'D' && !UK_ONE_LETTER_AREAS.has(c[0] as string))) continue;
    const changed = [...c].filter((ch, i) => ch !== token[i]).length;
    if (changed < fewest) [best, fewest] = [c, changed];
  }
  return best;
}

/** An address, its postcode's glyphs repaired (see above). */
export function repairPostcodeGlyphs(text: string): string {
  if (!/[A-Z0-9]/.test(text)) return text;
  return (
    text
      // UK: after the town, an outward code of 2–4 characters and an inward one of a digit and two letters, ending the address or before a comma.
      .replace(/(?<=\p{L}{2},?\s)([A-Z][A-Z0-9Il|]{1,3}) ([0-9IlO|][A-Z]{2})(?=\s*(?:,|$))/gu, (m, out: string, inward: string) => {
        if (!/[IlO0|]/.test(m)) return m;
        const o = ukOutward(out);
        const i = coerce(inward, 'DLL');
        return o && i ? `${o} ${i}` : m;
      })
      // Canada: a province and a postcode letter-digit-letter digit-letter-digit.
      .replace(/(?<![\p{L}\d])([A-Z0]{2})(,?\s+)([A-Z0-9Il|]{3}) ([A-Z0-9Il|]{3})(?![\p{L}\d])/gu, (m, prov: string, sep: string, a: string, b: string) => {
        const p = coerce(prov, 'LL');
        const x = coerce(a, 'LDL');
        const y = coerce(b, 'DLD');
        return p && CA_PROVINCES.has(p) && x && y ? `${p}${sep}${x} ${y}` : m;
      })
      // A US state read with a 0 for its O or in small letters ("c0"), before a ZIP code.
      .replace(/(?<=\p{L}{2},?\s)([A-Za-z0]{2})(\s+\d{5}(?:-\d{4})?)(?!\d)/gu, (m, state: string, zip: string) => {
        const s = coerce(state.toUpperCase(), 'LL');
        return state !== s && s && US_STATES.has(s) ? `${s}${zip}` : m;
      })
      // The Netherlands: four digits, two capitals, the town.
      .replace(/(?<![\p{L}\d])([\dIlO|]{4})(\s[A-Z]{2}\s+\p{Lu})/gu, (m, code: string, rest: string) => {
        const d = coerce(code, 'DDDD');
        return d && /\d{2}/.test(code) && d[0] !== '0' ? `${d}${rest}` : m;
      })
  );
}
