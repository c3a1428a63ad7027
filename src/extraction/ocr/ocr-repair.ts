import type { OcrWord } from './ocr-engine.js';

/**
 * Repairs two OCR misreadings of printed amounts, the money on receipts being what users check:
 * - a decimal point read as a word break ("RM100. 00", "5 .45"): the two words are one amount;
 * - one letter read for a digit inside an amount ("RMB.25", "1O.50", "RM1S.90"): in a token that
 *   is otherwise an amount, O/o is 0, S is 5, B is 8, I/l/| is 1 and Z is 2.
 * Only tokens that parse as an amount after the repair are touched, so words stay words.
 * Dates get the same care (`repairDateToken`).
 */
export function repairOcrWords(words: OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const w of words) {
    const prev = out.at(-1);
    if (prev && splitDecimal(prev, w)) {
      out[out.length - 1] = {
        text: prev.text + w.text,
        bbox: [Math.min(prev.bbox[0], w.bbox[0]), Math.min(prev.bbox[1], w.bbox[1]), Math.max(prev.bbox[2], w.bbox[2]), Math.max(prev.bbox[3], w.bbox[3])],
        confidence: Math.min(prev.confidence, w.confidence),
      };
      continue;
    }
    out.push(w);
  }
  return joinEmails(joinInitials(out.flatMap(splitMiddleDots))).map((w) => {
    const text = repairInitialI(repairDateToken(repairAmountToken(w.text)));
    return text === w.text ? w : { ...w, text };
  });
}

/**
 * "B. V.", "S. A.": OCR puts a space between abbreviated letters that were printed together ("B.V."),
 * where the gap after the dot is narrower than a space. Single letters with a dot, less than a
 * quarter of the line height apart, are one word again; initials printed with a space stay apart.
 */
function joinInitials(words: OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (const w of words) {
    const prev = out.at(-1);
    if (prev && /^(?:\p{L}\.)+$/u.test(prev.text) && /^(?:\p{L}\.)+$/u.test(w.text) && nextOnLine(prev, w, 0.25)) {
      out[out.length - 1] = { text: prev.text + w.text, bbox: [prev.bbox[0], Math.min(prev.bbox[1], w.bbox[1]), w.bbox[2], Math.max(prev.bbox[3], w.bbox[3])], confidence: Math.min(prev.confidence, w.confidence) };
      continue;
    }
    out.push(w);
  }
  return out;
}

/** An address whose domain ends in letters: receipts print "2 pc @ 4.90", never an address. */
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.\p{L}{2,}$/u;

/**
 * "billing @ vanleeuwenin.example", "billing @nordlichtmed.example": OCR sets a space on either side of
 * the "@", an address never has one. Pieces on one line, a narrow gap apart, that make an e-mail
 * address together are one word again (so it is read as an address, never as a party's name).
 */
function joinEmails(words: OcrWord[]): OcrWord[] {
  const out: OcrWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const at = words[i].text.includes('@') ? i : -1;
    if (at < 0) {
      out.push(words[i]);
      continue;
    }
    // The address is the "@" word with the word before and/or after it, whichever join is an address.
    const tries: [number, number][] = [[at - 1, at + 1], [at - 1, at], [at, at + 1]];
    const span = tries.find(([a, b]) => a >= 0 && b < words.length && a !== b && a >= i - 1 && EMAIL.test(words.slice(a, b + 1).map((w) => w.text).join('')) && sideBySide(words.slice(a, b + 1)));
    if (!span) {
      out.push(words[i]);
      continue;
    }
    const parts = words.slice(span[0], span[1] + 1);
    if (span[0] < i) out.pop();
    out.push({ text: parts.map((w) => w.text).join(''), bbox: [parts[0].bbox[0], Math.min(...parts.map((w) => w.bbox[1])), parts.at(-1)!.bbox[2], Math.max(...parts.map((w) => w.bbox[3]))], confidence: Math.min(...parts.map((w) => w.confidence)) });
    i = span[1];
  }
  return out;
}

/** Words left to right on one line, each at most a line height after the one before. */
const sideBySide = (words: OcrWord[]) => words.every((w, k) => k === 0 || nextOnLine(words[k - 1], w, 1.0));

/**
 * A capital I read as a small l at the start of a word ("lnvoice", "lntestata", "lberia"): no word of
 * the six languages starts with l and a consonant other than l. Words of four letters or more only,
 * so that units ("lb", "lbs", "lt") stay.
 */
export function repairInitialI(text: string): string {
  return /^l[bcdfgkmnpqrstvwxz][a-zà-ÿ]{2,}[.,:;)]?$/.test(text) && !/^lbs\b/.test(text) ? `I${text.slice(1)}` : text;
}

/** A middle dot or bullet inside a word, not Catalan's "l·l". */
const GLUED_DOT = /(?<!l)[·•]|[·•](?!l)/i;

/**
 * "Adler·5 place Bellecour·Portland": OCR reads the " · " that letterheads, footers and return-address
 * lines set between name, street and town without the spaces around it, so the separator the party
 * and address readers cut at is lost inside one word. The dot becomes a word of its own, with gaps
 * about a third of a character wide on both sides so that row assembly does not glue it back.
 */
function splitMiddleDots(w: OcrWord): OcrWord[] {
  if (w.text.length < 2 || !GLUED_DOT.test(w.text)) return [w];
  const step = (w.bbox[2] - w.bbox[0]) / w.text.length;
  const out: OcrWord[] = [];
  let start = 0;
  const piece = (from: number, to: number, text: string, inset = 0): OcrWord => ({
    text,
    bbox: [w.bbox[0] + from * step + inset, w.bbox[1], w.bbox[0] + to * step - inset, w.bbox[3]],
    confidence: w.confidence,
  });
  for (let i = 0; i < w.text.length; i++) {
    const c = w.text[i];
    if ((c !== '·' && c !== '•') || !GLUED_DOT.test(w.text.slice(Math.max(0, i - 1), i + 2))) continue;
    if (i > start) out.push(piece(start, i, w.text.slice(start, i)));
    out.push(piece(i, i + 1, c, 0.35 * step));
    start = i + 1;
  }
  if (start < w.text.length) out.push(piece(start, w.text.length, w.text.slice(start)));
  return out;
}

/** "100." + "00", "RMB." + "25" or "100" + ".00", side by side on one line with a gap about a character wide. */
function splitDecimal(a: OcrWord, b: OcrWord): boolean {
  const pair = /[.,]$/.test(a.text) ? /^\d{2}(?!\d)/.test(b.text) : /^[.,]\d{2}(?!\d)/.test(b.text);
  return pair && AMOUNT_LIKE.test(repairAmountToken(a.text + b.text)) && nextOnLine(a, b, 1.0);
}

/** `b` follows `a` on the same line (their boxes overlap by half a line height), at most `maxGap` line heights after it. */
function nextOnLine(a: OcrWord, b: OcrWord, maxGap: number): boolean {
  const h = Math.min(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1]);
  const overlap = Math.min(a.bbox[3], b.bbox[3]) - Math.max(a.bbox[1], b.bbox[1]);
  const gap = b.bbox[0] - a.bbox[2];
  return h > 0 && overlap > 0.5 * h && gap >= -0.2 * h && gap <= maxGap * h;
}

/** An amount as receipts print it, a tax code letter or two after it allowed ("12.50SR"). */
const AMOUNT_LIKE = /^(?:RM|\$|€|£)?\d{1,7}[.,]\d{2}[A-Z]{0,2}$/;

const DIGIT_FOR: Record<string, string> = { O: '0', o: '0', S: '5', B: '8', I: '1', l: '1', '|': '1', Z: '2' };

/** "RMB.25" → "RM8.25", "1O.50" → "10.50"; at most one letter, and at least one real digit or a currency before it. */
export function repairAmountToken(text: string): string {
  const m = /^(RM|\$|€|£)?([0-9OoSBIl|Z]{1,7})([.,])(\d{2})([A-Z]{0,2})$/.exec(text);
  if (!m) return text;
  const [, cur, body, mark, decimals, code] = m;
  const letters = body.replace(/\d/g, '');
  if (letters.length !== 1 || (!cur && !/\d/.test(body))) return text;
  return `${cur ?? ''}${body.replace(/[OoSBIl|Z]/g, (c) => DIGIT_FOR[c])}${mark}${decimals}${code}`;
}

/**
 * Two OCR misreadings of a day-first numeric date, repaired only when the token is no date as read
 * and becomes a valid one:
 * - a separator lost between month and year ("27/0618" → "27/06/18"; not after a dash, which
 *   reference numbers use: "10-1234" stays);
 * - a month whose first digit, which can only be 0 or 1, was read as a 6, 8 or 9, the shapes a
 *   faint 0 takes on thermal paper ("30/63/2018" → "30/03/2018").
 * A day that cannot be one ("39/93/2018") is left alone: which digit went wrong is anyone's guess.
 */
export function repairDateToken(text: string): string {
  const lost = /^(\d{2})([/.])(\d{2})(\d{2}|\d{4})$/.exec(text);
  if (lost) {
    const [, day, sep, month, year] = lost;
    return validDayMonth(day, month) ? `${day}${sep}${month}${sep}${year}` : text;
  }
  const m = /^(\d{2})([/.-])([689])(\d)([/.-])(\d{2}|\d{4})$/.exec(text);
  if (!m || m[2] !== m[5]) return text;
  const [, day, sep, , unit, , year] = m;
  return validDayMonth(day, `0${unit}`) ? `${day}${sep}0${unit}${sep}${year}` : text;
}

function validDayMonth(day: string, month: string): boolean {
  const d = Number(day);
  const mo = Number(month);
  return d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
}
