import { cite } from '../extract/candidate.js';
import type { ExtractionContext } from '../extract/context.js';
import type { PageIndex, Segment } from '../extract/layout-index.js';
import { findCompanyAtTop, findFirstNameLine, findPartyByLabel, findSalutationRecipient, findWindowRecipient, LEGAL_FORM } from '../extract/parties.js';
import { type Role, ROLES, roleOf } from '../extract/party-roles.js';
import { fold } from '../extract/text-fold.js';
import type { Line } from '../model/document.js';
import { letterShare } from './header-rows.js';
import { CONTACT, type PartyText, partyText, POSTCODE, STREET, TAX_OR_BANK } from './party-text.js';
import { featureIndex, RowCandidate, zeroRow } from './scored-candidate.js';

const NAME_KEY = /^(?:name|firma|company(?:\s*name)?|raison\s*sociale|nom|nombre|razon\s*social|naam|bedrijfsnaam|nome|ragione\s*sociale|denominazione)\s*:?$/;
const SEPARATOR = /\s[·•|–-]\s|\s{3,}/;

/** The hand-written finders of extract/parties.ts: each one's pick is a feature (and a candidate), the model weighs them. */
const RULES = ['seller_label', 'legal_top', 'first_line', 'buyer_label', 'window', 'salutation'] as const;
const DOCUMENT_TITLE = /^(?:invoice|tax invoice|bill$|rechnung|facture|factura|factuur|fattura|stylesheet|page|seite|credit note|gutschrift)/;
/** A text as compared for "the same text": lower-cased, white space collapsed, trimmed. */
const comparable = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** Rows of one party block read below a label or above an address (names wrap over two lines at most). */
const MAX_ROWS = 2;
/** How far (in rows) a role label reaches down to a name. */
const LABEL_REACH = 8;

/** The "no party printed" candidate's own features (0 on every line): what the page offers a party at all. */
const NONE_FEATURES = ['none', 'none_seller_label', 'none_buyer_label', 'none_seller_rule', 'none_buyer_rule', 'none_blocks', 'none_named_blocks'] as const;

export const INVOICE_PARTY_FEATURES = [
  ...ROLES.flatMap((r) => [`${r}_label_above`, `${r}_label_nearest`, `${r}_label_left`]),
  'name_key_left',
  'block_start',
  'rows',
  'legal',
  'legal_end',
  'salutation',
  'page_y',
  'x_rel',
  'right_half',
  'first_page',
  'footer',
  'name_order',
  'first_name_like',
  'height_rel',
  'tallest_top',
  'address_below',
  'contact_below',
  'tax_below',
  'tax_row',
  'return_line',
  'below_return_line',
  'repeats',
  'repeats_footer',
  'title_word',
  'label_value',
  'self_address',
  'self_contact',
  'self_tax',
  'digits',
  'letters',
  'upper',
  'words',
  'chars',
  'trimmed',
  'name_like',
  'seller_near_name',
  'buyer_near_name',
  'legal_top',
  'salutation_only',
  'legal_only',
  'dup_word',
  'next_legal',
  'left_seg',
  'right_seg',
  'field_label',
  'long',
  'block_has_name_key',
  'above_name_like',
  'brand_of_next',
  'lower_words',
  ...RULES.map((r) => `rule_${r}`),
  ...NONE_FEATURES,
] as const;

/** Each feature's index in a candidate's row, looked up once. */
const F = featureIndex(INVOICE_PARTY_FEATURES);
const ROLE_FEATURES = ROLES.map((role) => ({ role, above: F[`${role}_label_above`], nearest: F[`${role}_label_nearest`], left: F[`${role}_label_left`] }));
const RULE_FEATURES = RULES.map((rule) => F[`rule_${rule}`]);
const ZEROS = zeroRow(INVOICE_PARTY_FEATURES.length);

/** A line or block of lines, or (value null) the page printing no such party. */
export type InvoicePartyCandidate = RowCandidate<string | null>;

const height = (l: Line) => l.bbox[3] - l.bbox[1];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] || 1;

/**
 * What a segment's text says, asked of every segment many times over (each candidate looks at the
 * rows above, left and below it): worked out once per segment. roleOf on its folded text, and
 * whether it reads as an address, contact or tax/bank line.
 */
interface SegmentReading {
  role: ReturnType<typeof roleOf>;
  address: boolean;
  contact: boolean;
  taxOrBank: boolean;
}
const readings = new WeakMap<Segment, SegmentReading>();
function readingOf(s: Segment): SegmentReading {
  let r = readings.get(s);
  if (!r) {
    r = { role: roleOf(s.folded, s.text), address: POSTCODE.test(s.folded) || STREET.test(s.folded), contact: CONTACT.test(s.folded), taxOrBank: TAX_OR_BANK.test(s.folded) };
    readings.set(s, r);
  }
  return r;
}
const roleOfSegment = (s: Segment) => readingOf(s).role;

/** The segment right below `s` in its column (the next line of a block), if close. */
function nextInColumn(page: PageIndex, s: Segment): Segment | undefined {
  const h = height(s.line);
  for (let r = s.rowIndex + 1; r < page.segments.length && r <= s.rowIndex + 2; r++) {
    const n = page.segments[r].find((o) => Math.abs(o.line.bbox[0] - s.line.bbox[0]) < 1.5 * h);
    if (n) return n.line.bbox[1] - s.line.bbox[3] < 1.2 * h ? n : undefined;
  }
  return undefined;
}

/** The segments below `s` in its column, within `rows` rows. */
function columnBelow(page: PageIndex, s: Segment, rows: number): Segment[] {
  const h = height(s.line);
  const out: Segment[] = [];
  for (let r = s.rowIndex + 1; r < page.segments.length && r <= s.rowIndex + rows; r++) {
    out.push(...page.segments[r].filter((o) => Math.abs(o.line.bbox[0] - s.line.bbox[0]) < 3 * h));
  }
  return out;
}

const isReturnLine = (s: Segment) => (s.text.match(/\s[·•|,–-]\s/g) ?? []).length >= 2 && /\d{4,5}/.test(s.text);

interface Draft {
  value: string;
  segs: Segment[];
  page: PageIndex;
  pageIdx: number;
  trimmed: boolean;
  inlineRole: Role | null;
}

/** The name texts a segment offers: itself (cut at a separator, after an inline role label), and joined with the next line. */
function drafts(page: PageIndex, pageIdx: number, s: Segment): Draft[] {
  const out: Draft[] = [];
  const role = roleOfSegment(s);
  if (role?.whole) return out;
  let text = role ? s.text.slice(role.rest) : s.text;
  const cut = text.split(SEPARATOR)[0];
  const trimmed = !!role || cut.trim() !== text.trim();
  text = cut.trim();
  if (!/\p{L}{2}/u.test(text) || /:$/.test(text)) return out;
  out.push({ value: text, segs: [s], page, pageIdx, trimmed, inlineRole: role?.role ?? null });
  const next = nextInColumn(page, s);
  if (next && MAX_ROWS > 1 && !roleOfSegment(next) && !SEPARATOR.test(next.text) && /\p{L}{2}/u.test(next.text)) {
    out.push({ value: `${text} ${next.text.trim()}`, segs: [s, next], page, pageIdx, trimmed, inlineRole: role?.role ?? null });
  }
  return out;
}

const cache = new WeakMap<ExtractionContext, InvoicePartyCandidate[]>();

/** The rules' picks (extract/parties.ts). */
type RulePicks = Record<(typeof RULES)[number], ReturnType<typeof findPartyByLabel>>;

/** What every candidate of a page is compared with, worked out once per page. */
interface PageFacts {
  /** Rows that read like a name (mostly letters, no contact, no "key: value", no role label). */
  nameLikeRows: number[];
  /** The median line height. */
  height: number;
  /** The top rows (at least 3, else the top 30 %) and the tallest line among them. */
  top: { segs: Set<Segment>; tallest: number };
}

interface PartyScene {
  pages: Map<PageIndex, PageFacts>;
  everySeg: { s: Segment; p: PageIndex }[];
  /** Each rule's pick as compared ("comparable"), in RULES order; null when the rule found none. */
  ruleTexts: (string | null)[];
}

/**
 * Lines and two-line blocks of an invoice as candidates for the seller's and the buyer's name: every
 * line of the first page and the footer lines of the others, with generic features: the role labels
 * above or before it (seller / buyer / ship-to, six languages) and how near, a "Name:" key, where it
 * sits and how large it is printed, a legal form or a salutation, what follows below it in its column
 * (an address, contact lines, a VAT id or IBAN), whether it is a one-line return address or right under
 * one, and whether it is repeated (letterhead and footer). Two trained models (vendor, customer) score
 * the same candidates; score/invoice-choice.ts chooses the pair.
 */
export function invoicePartyCandidates(ctx: ExtractionContext): InvoicePartyCandidate[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const all = pageDrafts(ctx);
  const rules: RulePicks = {
    seller_label: findPartyByLabel(ctx, 'seller'),
    legal_top: findCompanyAtTop(ctx),
    first_line: findFirstNameLine(ctx, DOCUMENT_TITLE),
    buyer_label: findPartyByLabel(ctx, 'buyer'),
    window: findWindowRecipient(ctx),
    salutation: findSalutationRecipient(ctx),
  };
  addRulePicks(ctx, all, rules);
  const scene: PartyScene = {
    pages: new Map(ctx.pages.map((p) => [p, pageFacts(p)])),
    everySeg: ctx.pages.flatMap((p) => p.segments.flat().map((s) => ({ s, p }))),
    ruleTexts: [],
  };
  for (const rule of RULES) scene.ruleTexts.push(rules[rule] ? comparable(String(rules[rule].value)) : null);
  const out: InvoicePartyCandidate[] = [];
  for (const d of all) {
    const lineWords = d.segs.length === 1 ? d.segs[0].line.words : d.segs.flatMap((x) => x.line.words);
    const candidate = { value: d.value, score: 0, citations: [cite(d.page.page, lineWords)], via: 'scored' };
    out.push(new RowCandidate<string | null>(d.value, candidate, draftRow(d, scene), INVOICE_PARTY_FEATURES));
  }
  out.push(noneCandidate(ctx, out, rules));
  cache.set(ctx, out);
  return out;
}

/** The drafts of every line of the first page and of the other pages' footers. */
function pageDrafts(ctx: ExtractionContext): Draft[] {
  const all: Draft[] = [];
  ctx.pages.forEach((page, pageIdx) => {
    for (const row of page.segments) {
      for (const s of row) {
        const footer = s.line.bbox[1] / page.height > 0.8;
        if (pageIdx === 0 || footer) all.push(...drafts(page, pageIdx, s));
      }
    }
  });
  return all;
}

/** A rule's pick the lines do not offer as such (a salutation joined to a "Name:" value) joins the candidates. */
function addRulePicks(ctx: ExtractionContext, all: Draft[], rules: RulePicks): void {
  const offered = new Set(all.map((d) => comparable(d.value)));
  for (const c of Object.values(rules)) {
    if (!c || offered.has(comparable(String(c.value)))) continue;
    const cit = c.citations[0];
    const pageIdx = ctx.pages.findIndex((p) => p.page === cit?.page);
    const seg = pageIdx >= 0 ? ctx.pages[pageIdx].segments.flat().find((x) => x.line.bbox[1] <= cit.bbox[1] + 1 && cit.bbox[1] < x.line.bbox[3] && x.line.bbox[0] <= cit.bbox[0] + 1 && cit.bbox[0] < x.line.bbox[2]) : undefined;
    if (seg) {
      all.push({ value: String(c.value), segs: [seg], page: ctx.pages[pageIdx], pageIdx, trimmed: false, inlineRole: null });
      offered.add(comparable(String(c.value)));
    }
  }
}

function pageFacts(page: PageIndex): PageFacts {
  const nameLikeRows = page.segments.map((row, r) => r).filter((r) => page.segments[r].some((s) => letterShare(s.text) >= 0.6 && !readingOf(s).contact && !/:\s*\S/.test(s.text) && !roleOfSegment(s)));
  const topRows = page.segments.slice(0, Math.max(3, Math.ceil(page.segments.length * 0.3))).flat();
  return {
    nameLikeRows,
    height: median(page.segments.flat().map((s) => height(s.line))),
    top: { segs: new Set(topRows), tallest: Math.max(...topRows.map((x) => height(x.line))) },
  };
}

/** A draft's features, in INVOICE_PARTY_FEATURES order. */
function draftRow(d: Draft, scene: PartyScene): number[] {
  const row = ZEROS.slice();
  const s = d.segs[0];
  const page = d.page;
  const facts = scene.pages.get(page)!;
  const h = height(s.line);
  const t = partyText(d.value);
  const rowLeft = page.segments[s.rowIndex].filter((o) => o.line.bbox[2] <= s.line.bbox[0] + 1);
  writeRoleLabels(row, d, rowLeft);
  const nameKeyLeft = rowLeft.some((o) => NAME_KEY.test(o.folded.trim())) ? 1 : 0;
  row[F.name_key_left] = nameKeyLeft;
  const above = s.rowIndex > 0 ? page.segments[s.rowIndex - 1].find((o) => Math.abs(o.line.bbox[0] - s.line.bbox[0]) < 1.5 * h) : undefined;
  row[F.block_start] = !above || s.line.bbox[1] - above.line.bbox[3] > 1.2 * h || !!roleOfSegment(above) ? 1 : 0;
  row[F.rows] = d.segs.length;
  row[F.legal] = t.legal;
  row[F.legal_end] = t.legalEnd;
  row[F.salutation] = t.salutation;
  const pageY = s.line.bbox[1] / page.height;
  row[F.page_y] = pageY;
  row[F.x_rel] = s.line.bbox[0] / page.width;
  row[F.right_half] = s.line.bbox[0] > page.width / 2 ? 1 : 0;
  row[F.first_page] = d.pageIdx === 0 ? 1 : 0;
  row[F.footer] = pageY > 0.8 ? 1 : 0;
  const order = facts.nameLikeRows.indexOf(s.rowIndex);
  row[F.name_order] = order < 0 ? 10 : Math.min(10, order);
  row[F.first_name_like] = order === 0 ? 1 : 0;
  let tallest = -Infinity;
  for (const x of d.segs) tallest = Math.max(tallest, height(x.line));
  const hRel = tallest / facts.height;
  row[F.height_rel] = Math.min(3, hRel);
  row[F.tallest_top] = d.pageIdx === 0 && facts.top.segs.has(s) && height(s.line) >= facts.top.tallest - 0.5 ? 1 : 0;
  writeSurroundings(row, d, above);
  writeRepeats(row, d, t.folded, scene);
  writeText(row, d, t, pageY, above, h);
  row[F.left_seg] = rowLeft.length && !nameKeyLeft ? 1 : 0;
  row[F.right_seg] = page.segments[s.rowIndex].some((o) => o.line.bbox[0] >= s.line.bbox[2] - 1) ? 1 : 0;
  row[F.block_has_name_key] = d.segs.some((x) => page.segments[x.rowIndex].some((o) => o.line.bbox[2] <= x.line.bbox[0] + 1 && NAME_KEY.test(o.folded.trim()))) ? 1 : 0;
  const text = comparable(d.value);
  for (let k = 0; k < RULES.length; k++) row[RULE_FEATURES[k]] = scene.ruleTexts[k] !== null && scene.ruleTexts[k] === text ? 1 : 0;
  return row;
}

/** Role labels above in the column (or to the left of it: "Verkäufer" over a key column), the nearest of each role; inline or left on the row. */
function writeRoleLabels(row: number[], d: Draft, rowLeft: Segment[]): void {
  const s = d.segs[0];
  const page = d.page;
  const h = height(s.line);
  const nearest = new Map<Role, number>();
  let nearestAny: { role: Role; d: number } | null = null;
  for (let r = s.rowIndex - 1; r >= 0 && r >= s.rowIndex - LABEL_REACH; r--) {
    for (const o of page.segments[r]) {
      const role = roleOfSegment(o);
      if (!role || o.line.bbox[0] > s.line.bbox[0] + 3 * h || s.line.bbox[0] - o.line.bbox[0] > page.width * 0.45) continue;
      const dist = s.rowIndex - r;
      if (!nearest.has(role.role)) nearest.set(role.role, dist);
      if (!nearestAny) nearestAny = { role: role.role, d: dist };
    }
  }
  for (const { role, above, nearest: nearestIdx, left } of ROLE_FEATURES) {
    const dist = nearest.get(role);
    row[above] = dist === undefined ? 0 : 1 / dist;
    row[nearestIdx] = nearestAny?.role === role ? 1 / nearestAny.d : 0;
    row[left] = d.inlineRole === role || rowLeft.some((o) => roleOfSegment(o)?.role === role) ? 1 : 0;
  }
}

/** The column below, 10 rows down (an address within 4 rows, contact lines within 6, a tax or bank line within 10), the row, a return line. */
function writeSurroundings(row: number[], d: Draft, above: Segment | undefined): void {
  const s = d.segs[0];
  const last = d.segs[d.segs.length - 1];
  const below = columnBelow(d.page, last, 10);
  const within = (rows: number) => below.filter((o) => o.rowIndex <= last.rowIndex + rows);
  row[F.address_below] = within(4).some((o) => readingOf(o).address) ? 1 : 0;
  row[F.contact_below] = within(6).some((o) => readingOf(o).contact) ? 1 : 0;
  row[F.tax_below] = below.some((o) => readingOf(o).taxOrBank) ? 1 : 0;
  row[F.tax_row] = d.page.segments[s.rowIndex].some((o) => o !== s && readingOf(o).taxOrBank) ? 1 : 0;
  row[F.return_line] = isReturnLine(s) ? 1 : 0;
  row[F.below_return_line] = above && isReturnLine(above) ? 1 : 0;
}

/** The text printed elsewhere in the document (letterhead and footer repeat the seller's name). */
function writeRepeats(row: number[], d: Draft, folded: string, scene: PartyScene): void {
  // Counted in one pass, without a list of the repeats per draft.
  let repeats = 0;
  let inFooter = false;
  if (folded.length >= 4) {
    for (const x of scene.everySeg) {
      if (d.segs.includes(x.s) || !x.s.folded.includes(folded)) continue;
      repeats++;
      if (!inFooter && (x.s.line.bbox[1] / x.p.height > 0.8 || isReturnLine(x.s))) inFooter = true;
    }
  }
  row[F.repeats] = Math.min(3, repeats);
  row[F.repeats_footer] = inFooter ? 1 : 0;
}

/** What the text itself reads as (a name, a title, a "key: value", an address or contact line), and what is printed next to it. */
function writeText(row: number[], d: Draft, t: PartyText, pageY: number, above: Segment | undefined, h: number): void {
  const s = d.segs[0];
  row[F.title_word] = t.titleWord;
  row[F.label_value] = t.labelValue;
  row[F.self_address] = t.selfAddress;
  row[F.self_contact] = t.selfContact;
  row[F.self_tax] = t.selfTax;
  row[F.digits] = t.digits;
  row[F.letters] = t.letters;
  row[F.upper] = t.upper;
  row[F.words] = Math.min(10, t.words);
  row[F.lower_words] = t.lowerWords;
  row[F.chars] = t.chars;
  row[F.trimmed] = d.trimmed ? 1 : 0;
  row[F.salutation_only] = t.salutationOnly;
  row[F.legal_only] = t.legalOnly;
  row[F.dup_word] = t.dupWord;
  const next = d.segs.length === 1 ? nextInColumn(d.page, s) : undefined;
  row[F.next_legal] = next && !t.legal && LEGAL_FORM.test(next.text) ? 1 : 0;
  row[F.name_like] = t.nameLike;
  row[F.seller_near_name] = t.nameLike * row[F.seller_label_nearest];
  row[F.buyer_near_name] = t.nameLike * row[F.buyer_label_nearest];
  row[F.legal_top] = t.legal * (pageY < 0.3 ? 1 : 0);
  row[F.field_label] = t.fieldLabel;
  row[F.long] = t.words > 6 ? 1 : 0;
  row[F.above_name_like] = above && s.line.bbox[1] - above.line.bbox[3] < 1.2 * h && letterShare(above.text) >= 0.6 && !/[:\d]/.test(above.text) && !roleOfSegment(above) ? 1 : 0;
  // A logo's brand text over the full name ("REDWOOD" / "Redwood Analytics Inc.").
  row[F.brand_of_next] = next && t.firstWord && fold(next.text).includes(t.firstWord) ? 1 : 0;
}

/**
 * The candidate "this page prints no such party" (value null), scored by the same models: its
 * features say what the first page offers a party at all (role labels, the rules' picks, address
 * blocks that open with a name). Trained on generated invoices that print no customer (or no
 * seller's name), so a page without one gets none rather than its likeliest address row.
 */
function noneCandidate(ctx: ExtractionContext, lines: InvoicePartyCandidate[], rules: RulePicks): InvoicePartyCandidate {
  const first = ctx.pages[0];
  const roles = new Set(first ? first.segments.flat().map((s) => roleOfSegment(s)?.role) : []);
  const blocks = lines.filter(({ row: r }) => r[F.first_page] && r[F.block_start] && r[F.rows] === 1 && r[F.address_below] && r[F.page_y] < 0.6);
  const row = ZEROS.slice();
  row[F.none] = 1;
  row[F.none_seller_label] = roles.has('seller') ? 1 : 0;
  row[F.none_buyer_label] = roles.has('buyer') ? 1 : 0;
  row[F.none_seller_rule] = rules.seller_label || rules.legal_top ? 1 : 0;
  row[F.none_buyer_rule] = rules.buyer_label || rules.window || rules.salutation ? 1 : 0;
  row[F.none_blocks] = Math.min(3, blocks.length);
  row[F.none_named_blocks] = Math.min(3, blocks.filter(({ row: r }) => r[F.name_like] && !r[F.self_address]).length);
  return new RowCandidate<string | null>(null, { value: null, score: 0, citations: [], via: 'scored' }, row, INVOICE_PARTY_FEATURES);
}
