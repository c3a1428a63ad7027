import { cite } from './candidate.js';
import type { Citation } from '../model/result.js';
import type { ExtractionContext, FieldValue } from './context.js';
import type { LabelHit } from './key-value-pairs.js';
import type { Segment } from './layout-index.js';

/**
 * Passages of running text a field may ask for: payment terms, a VAT exemption statement. Under a
 * label ("Zahlungsbedingungen:") the passage is the text below it up to the next heading; without
 * one it is the sentences around a strong cue ("zahlbar", "§ 19 UStG"), extended while the next
 * sentences stay on the topic.
 */
export interface Passage {
  text: string;
  citations: Citation[];
  fit: number;
}

/** Joins wrapped lines; a word hyphenated at a line end ("SEPA-" / "Lastschriftmandat") keeps its hyphen and no space. */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const l = raw.trim();
    if (!l) continue;
    out = !out ? l : /\p{L}-$/u.test(out) ? `${out}${l}` : `${out} ${l}`;
  }
  return out;
}

const HEADING = /^[^\d:]{2,40}:\s*$/;
/** Closing formulas ("Thank you for your order", "Mit freundlichen Grüßen"): a passage ends before one. */
const CLOSING = /^\W*(?:thank\s*you|thanks|(?:kind|best)\s*regards|sincerely|(?:vielen\s*)?dank|wir\s*danken|mit\s*freundlichen|merci|cordialement|salutations|gracias|atentamente|saludos|bedankt|dank\s*u|met\s*vriendelijke|grazie|cordiali\s*saluti|distinti\s*saluti)(?![a-z])/;

/** The text under a label in its column, up to a heading or a wide gap (a label with its value beside it has none). */
export function labelledPassage(ctx: ExtractionContext, hit: LabelHit): Passage | null {
  if (/[\p{L}\d]/u.test(hit.seg.text.slice(hit.end).replace(/^[\s:]+/, ''))) return null;
  const index = hit.index;
  const x0 = hit.seg.line.bbox[0];
  const h = Math.max(4, hit.seg.line.bbox[3] - hit.seg.line.bbox[1]);
  let bottom = hit.seg.line.bbox[3];
  const lines: Segment[] = [];
  // Only concepts with a topic lexicon (payment terms) can tell a next sentence off their topic.
  const topic = CUES[hit.concept.id]?.bridge ? CUES[hit.concept.id] : undefined;
  // The passage's own line gap: a wider one after its first line is a paragraph break.
  let pitch: number | null = null;
  for (let r = hit.seg.rowIndex + 1; r < index.segments.length && lines.length < 16; r++) {
    const row = index.segments[r];
    // Any row under the label keeps the passage going (a table header printed to its right, too).
    const gap = index.rows[r].bbox[1] - bottom;
    if (gap > 1.8 * h || (lines.length && pitch !== null && gap > pitch + 0.5 * h)) break;
    bottom = index.rows[r].bbox[3];
    const seg = row.find((s) => Math.abs(s.line.bbox[0] - x0) <= 2 * h);
    if (!seg) continue;
    // A table header right under the label ("Beschreibung | Fälligkeit | Teilzahlung") is not the text.
    if (!lines.length && row.length >= 2 && row.every((s) => !/\d/.test(s.text) && s.text.length <= 24)) continue;
    if (HEADING.test(seg.text.trim()) || (lines.length && CLOSING.test(fold(seg.text)))) break;
    // After its first line a passage goes on while it stays on its topic or a sentence wraps onto the line ("…ohne" / "Abzug.").
    const prev = lines[lines.length - 1];
    if (prev && topic && !onTopic(topic, seg.text) && !wrapsOnto(lines, seg)) break;
    if (!lines.length) pitch = gap;
    lines.push(seg);
  }
  if (!lines.length) return null;
  const text = joinLines(lines.map((s) => s.text));
  return text.length <= 800 ? { text, citations: lines.map((s) => cite(s.page, s.line.words)), fit: 0.8 } : null;
}

interface Cues {
  start: RegExp;
  topic: RegExp;
  /** A sentence off the topic may be bridged when the one after it is on it again. */
  bridge: boolean;
}

const CUES: Record<string, Cues> = {
  payment_terms: {
    start: /(?<![a-z])(?:zahlbar|payable|payment\s*(?:is\s*)?due|due\s*(?:with)?in\s*\d|uberweisen|pagadero|betaalbaar|pagabile|a\s*regler|payer\s*(?:sous|avant|a\s*\d)|zahlungsziel|net\s*\d+\s*days|\d+\s*(?:days|tage|jours|dias|dagen|giorni)\s*(?:net|netto|nett)|please\s*(?:pay|remit|transfer)|bitte\s*(?:uberweisen|zahlen)|veuillez\s*(?:regler|payer|virer)|gelieve\s*(?:te\s*)?(?:betalen|over\s*te\s*maken)|si\s*prega\s*di\s*(?:pagare|versare)|within\s*\d+\s*days|innerhalb\s*(?:von\s*)?\d+\s*tagen)(?![a-z])/,
    topic: /(?<![a-z])(?:zahl\w*|uberweis\w*|bankverbindung|konto|iban|bic|lastschrift\w*|sepa[\w-]*|fallig\w*|abbuch\w*|scheck|skonto\w*|netto|payment|pay\w*|due|bank|account|transfer|debit|cheque|discount|paiement|payer|virement|prelevement|echeance|escompte|pago|pagar|transferencia|cuenta|betaling|betalen|rekening|korting|pagamento|bonifico|sconto)(?![a-z])/,
    bridge: true,
  },
  vat_exemption: {
    start: /(?:§\s*\d+\w*|\$\s*\d+\w*).{0,40}?ustg|(?<![a-z])(?:[a-z]*steuerbefreit|kleinunternehmer\w*|reverse\s*charge|steuerschuldnerschaft\s*des\s*leistungsempfangers|autoliquidation|exoneration\s*de\s*tva|tva\s*non\s*applicable|article\s*\d+\s*[a-z]*\s*(?:du\s*)?cgi|exento\s*de\s*iva|inversion\s*del\s*sujeto\s*pasivo|btw\s*verlegd|vrijgesteld\s*van\s*btw|esente\s*iva|non\s*imponibile|vat\s*exempt|exempt\s*from\s*vat|intra-?community\s*supply)(?![a-z])/,
    topic: /(?!)/,
    bridge: false,
  },
};

/**
 * Whether `next` continues a sentence wrapped from `prev`: `prev` does not end one, and the room
 * left after it (to the right edge of the passage so far and of `next`) would not hold the next
 * line's first word. German capitalises nouns, so a capital letter alone says nothing.
 */
function wrapsOnto(lines: readonly Segment[], next: Segment): boolean {
  const prev = lines[lines.length - 1];
  if (/[.!?]$/.test(prev.text.trim())) return false;
  const right = Math.max(next.line.bbox[2], ...lines.map((l) => l.line.bbox[2]));
  const word = next.line.words[0];
  const h = Math.max(4, prev.line.bbox[3] - prev.line.bbox[1]);
  return right - prev.line.bbox[2] < (word ? word.bbox[2] - word.bbox[0] : 0) + 0.3 * h;
}

function onTopic(cues: Cues, text: string): boolean {
  const t = fold(text);
  return cues.topic.test(t) || cues.start.test(t);
}

/** Segments chained down a column: each continues the one above at the same left edge, without a wide gap. */
function chains(ctx: ExtractionContext): Segment[][] {
  const out: Segment[][] = [];
  for (const index of ctx.pages) {
    const open: Segment[][] = [];
    for (const row of index.segments) {
      for (const seg of row) {
        const h = Math.max(4, seg.line.bbox[3] - seg.line.bbox[1]);
        const chain = open.find((c) => {
          const last = c[c.length - 1];
          return last.rowIndex < seg.rowIndex && Math.abs(last.line.bbox[0] - seg.line.bbox[0]) <= 6 && seg.line.bbox[1] - last.line.bbox[3] < 1.6 * h;
        });
        if (chain) chain.push(seg);
        else {
          const c = [seg];
          open.push(c);
          out.push(c);
        }
      }
    }
  }
  return out;
}

interface Sentence {
  text: string;
  segs: Segment[];
}

/** Sentences of a chain: split at ".!?" before a capital, and at the end of a short line (a paragraph's last). */
function sentences(chain: readonly Segment[]): Sentence[] {
  const widest = Math.max(...chain.map((s) => s.line.bbox[2] - s.line.bbox[0]));
  const out: Sentence[] = [];
  let open: { parts: string[]; segs: Segment[] } | null = null;
  for (const seg of chain) {
    // Not after an abbreviation ("Nr. 10a", "gem. § 8") nor before a digit.
    const pieces = seg.text.split(/(?<=(?<![\s(](?:nr|no|abs|art|gem|ca|inkl|zzgl|bzw|vgl|ggf|str|st|ziff|mr|mrs|dr|m|mme|sr|sra))[.!?])\s+(?=[\p{Lu}§(])/iu);
    pieces.forEach((piece, i) => {
      if (!open) open = { parts: [], segs: [] };
      open.parts.push(piece);
      if (!open.segs.includes(seg)) open.segs.push(seg);
      const last = i === pieces.length - 1;
      const short = seg.line.bbox[2] - seg.line.bbox[0] < 0.75 * widest && !/[-,]$/.test(piece.trim());
      if (!last || /[.!?]$/.test(piece.trim()) || short) {
        out.push({ text: joinLines(open.parts), segs: open.segs });
        open = null;
      }
    });
  }
  const rest = open as { parts: string[]; segs: Segment[] } | null;
  if (rest) out.push({ text: joinLines(rest.parts), segs: rest.segs });
  return out;
}

export function cuePassages(ctx: ExtractionContext, concept: string): Passage[] {
  const cues = CUES[concept];
  if (!cues) return [];
  const out: Passage[] = [];
  for (const chain of chains(ctx)) {
    const ss = sentences(chain);
    const first = ss.findIndex((s) => cues.start.test(s.text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')));
    if (first < 0) continue;
    const on = (s: Sentence | undefined) => Boolean(s) && (cues.topic.test(fold(s!.text)) || cues.start.test(fold(s!.text)));
    let end = first;
    // At most one sentence off the topic is bridged: more and the passage has moved on.
    let bridged = !cues.bridge;
    while (end + 1 < ss.length) {
      if (on(ss[end + 1])) end++;
      else if (!bridged && on(ss[end + 2])) {
        end += 2;
        bridged = true;
      } else break;
    }
    // A cue that is not on the sentence's first line starts the passage at its own line ("Umsatzsteuer (E)" / "Umsatzsteuerbefreit …").
    const picked = ss.slice(first, end + 1);
    const head = picked[0];
    if (head.segs.length > 1) {
      const cueSeg = head.segs.find((s) => cues.start.test(fold(s.text)));
      if (cueSeg && cueSeg !== head.segs[0]) {
        const from = head.segs.indexOf(cueSeg);
        picked[0] = { text: joinLines(head.segs.slice(from).map((s) => s.text)), segs: head.segs.slice(from) };
      }
    }
    // A statement without bridging (an exemption note) ends with the line of its last cue when
    // the next line opens a new one with a capital ("… § 19 UStG" / "Payment due in 30 days").
    if (!cues.bridge) {
      const last = picked[picked.length - 1];
      const cueAt = last.segs.map((s) => cues.start.test(fold(s.text))).lastIndexOf(true);
      const next = last.segs[cueAt + 1];
      if (cueAt >= 0 && next && /^\p{Lu}/u.test(next.text.trim())) {
        picked[picked.length - 1] = { text: joinLines(last.segs.slice(0, cueAt + 1).map((s) => s.text)), segs: last.segs.slice(0, cueAt + 1) };
      }
    }
    const text = picked.map((s) => s.text).join(' ');
    if (text.length > 800) continue;
    out.push({ text, citations: [...new Set(picked.flatMap((s) => s.segs))].map((s) => cite(s.page, s.line.words)), fit: 0.7 });
  }
  return out;
}

const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

const QUOTE =
  /(?:(?:bei|mit|with|on|for|lors\s+du)\s+(?:\w+\s+(?:und|and|et|y|en|e)\s+)?(?:zahlung|payment|paiement|reglement|pago|betaling|pagamento)\w*\s+(?:bitte\s+)?(?:angeben|quote|mention\w*|indiquer|rappeler|indicar|vermelden|indicare))|please\s+quote|bitte\s+geben\s+sie\s+(?:dabei|bei\s+(?:der\s+)?(?:zahlung|uberweisung))\s+(?:die|den|das|ihre)\s+(\w+)\s+an/;
const INVOICE_NUMBER_WORD = /^(?:rechnungsnummer|rechnungs-?nr|invoice\s*number|factuurnummer)$/;

/**
 * The reference a document asks to quote with the payment: "VSNR: 01.234.567.8 (Bei Schriftwechsel
 * und Zahlung bitte angeben.)" quotes the number before it; "Bitte geben Sie dabei die
 * Rechnungsnummer an" names the invoice number.
 */
export function quotedReference(ctx: ExtractionContext, builtIns: Record<string, FieldValue>): Passage | null {
  for (const index of ctx.pages) {
    const segs = index.segments.flat();
    for (const [i, seg] of segs.entries()) {
      const joined = fold(`${seg.text} ${segs[i + 1]?.text ?? ''}`);
      const m = QUOTE.exec(joined);
      if (!m || m.index >= seg.text.length) continue;
      if (m[1]) {
        const inv = builtIns.invoice_number;
        if (INVOICE_NUMBER_WORD.test(m[1]) && inv?.value) return { text: String(inv.value), citations: inv.citations, fit: 0.8 };
        continue;
      }
      // The number before the request, on its line or the line above in the same column.
      const before = seg.text.slice(0, m.index).replace(/[(\s]+$/, '');
      const above = index.segments[seg.rowIndex - 1]?.find((s) => Math.abs(s.line.bbox[0] - seg.line.bbox[0]) < 10);
      for (const [text, src] of [[before, seg], [above?.text ?? '', above]] as const) {
        const id = /([A-Za-z0-9][A-Za-z0-9./-]*\d[A-Za-z0-9./-]*)\s*$/.exec(text.trim());
        if (id && src) return { text: id[1], citations: [cite(src.page, src.line.words)], fit: 0.8 };
      }
    }
  }
  return null;
}
