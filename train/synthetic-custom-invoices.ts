import type { StandardFont } from '../test/fixtures/text-pdf.js';
import { BANKS, BICS, COUNTRY, CUSTOM_VOCAB, DOMAINS, FIRST_NAMES, LAST_NAMES } from './synthetic-custom-vocabulary.js';
import { type DateStyle, formatDate, formatNumber, type NumberStyle, place, rng } from './synthetic-invoice-layouts.js';
import { TRAIN_CITIES, TRAIN_CUSTOMERS, TRAIN_ITEMS, TRAIN_STREETS, TRAIN_VENDORS, TRAIN_VOCAB, type TrainLang } from './synthetic-invoice-vocabulary.js';

/**
 * Generated invoices for MEASURING custom fields on layouts and wordings nobody tuned for
 * (bench/accuracy-custom-synthetic.ts), and for fitting the custom-field scorer's weights on the
 * development seeds. Each prints the details a custom schema asks for the ways producers print
 * them: `Label: value`, label left of its value without a colon, label above its value (a header
 * over its cell), values in the seller's or buyer's address block without a label (an email under
 * the seller's address), the buyer's own VAT id, email and phone as distractors, footers with the
 * bank details in a line, in columns or as a small table. Six languages. Deterministic from the seed.
 *
 * Seeds from HELD_OUT_FROM on are the held-out set: only they print the last wording of every
 * label list (synthetic-custom-vocabulary.ts), and nothing is ever tuned on them.
 */
export const HELD_OUT_FROM = 900_001;

export type CustomGoldKey =
  | 'seller_vat' | 'buyer_vat' | 'buyer_reference' | 'customer_number' | 'order_number' | 'contract_number'
  | 'delivery_date' | 'period_start' | 'period_end' | 'payment_terms' | 'bic' | 'iban'
  | 'seller_contact' | 'seller_email' | 'seller_phone' | 'vat_rate' | 'line_count' | 'seller_register';

export interface CustomInvoice {
  seed: number;
  lang: TrainLang;
  font: StandardFont;
  layout: string;
  text: string;
  /** Null where the invoice does not print the value (not scored). */
  gold: Record<CustomGoldKey, string | number | null>;
}

const LANGS: TrainLang[] = ['en', 'de', 'fr', 'es', 'nl', 'it'];
const RATES: Record<TrainLang, number[]> = { en: [20, 5], de: [19, 7], fr: [20, 10, 5.5], es: [21, 10], nl: [21, 9], it: [22, 10] };
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);
const W = 90;

/** An IBAN with a valid check number (ISO 13616, mod 97). */
function iban(cc: string, length: number, r: () => number): string {
  const bban = Array.from({ length: length - 4 }, () => Math.floor(r() * 10)).join('');
  const digits = `${bban}${[...cc].map((c) => c.charCodeAt(0) - 55).join('')}00`;
  let rem = 0;
  for (const d of digits) rem = (rem * 10 + Number(d)) % 97;
  return `${cc}${String(98 - rem).padStart(2, '0')}${bban}`;
}

/** A VAT id of the country's shape. */
function vatId(cc: string, r: () => number): string {
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  switch (cc) {
    case 'DE': return `DE${d(9)}`;
    case 'FR': return `FR${d(11)}`;
    case 'ES': return `ESB${d(8)}`;
    case 'NL': return `NL${d(9)}B01`;
    case 'IT': return `IT${d(11)}`;
    default: return `GB${d(9)}`;
  }
}

function register(lang: TrainLang, r: () => number): string {
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  return { en: d(8), de: `HRB ${d(5)}`, fr: `${d(3)} ${d(3)} ${d(3)} ${d(5)}`, es: `M-${d(6)}`, nl: d(8), it: `MI-${d(7)}` }[lang];
}

export function generateCustomInvoice(seed: number): CustomInvoice {
  const heldOut = seed >= HELD_OUT_FROM;
  const r = rng(seed * 7 + 3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  // A label: the last wording of each list only on held-out seeds.
  const label = (xs: readonly string[]): string => (heldOut ? pick(xs) : pick(xs.slice(0, Math.max(1, xs.length - 1))));
  const chance = (p: number) => r() < p;
  const lang = LANGS[seed % LANGS.length];
  const v = TRAIN_VOCAB[lang];
  const c = CUSTOM_VOCAB[lang];
  const country = COUNTRY[lang];
  const font = pick(['Courier', 'Helvetica', 'Times-Roman'] as const);
  const numberStyle: NumberStyle = lang === 'en' ? 'en' : pick(['de', 'fr', 'comma'] as const);
  const dateStyle: DateStyle = lang === 'en' ? pick(['dmy-slash', 'long-dmy', 'iso'] as const) : pick(['dmy-dot', 'dmy-slash', 'long-dmy', 'iso', 'dmy-dash'] as const);
  const date = (d: Date) => formatDate(d, dateStyle, v.months);
  const num = (n: number) => formatNumber(n, numberStyle);
  const d = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

  // The values.
  const vendor = pick(TRAIN_VENDORS);
  const customer = pick(TRAIN_CUSTOMERS.filter((x) => x !== vendor));
  const [vStreet, vCity, cStreet, cCity] = [pick(TRAIN_STREETS), pick(TRAIN_CITIES), pick(TRAIN_STREETS), pick(TRAIN_CITIES)];
  const issued = new Date(Date.UTC(2019 + Math.floor(r() * 7), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
  const first = pick(FIRST_NAMES);
  const last = pick(LAST_NAMES);
  const domain = `${vendor.toLowerCase().replace(/[^a-z]+/g, '').slice(0, 12)}.${pick(DOMAINS).split('.')[1]}`;
  const phoneOf = () => pick([`+${country.dial} ${d(2)} ${d(7)}`, `0${d(2)} ${d(4)} ${d(3)}`, `+${country.dial} (0)${d(3)} ${d(5)}-${d(2)}`, `+${country.dial} ${d(1)} ${d(2)} ${d(2)} ${d(2)} ${d(2)}`]);
  const periodStart = new Date(Date.UTC(issued.getUTCFullYear(), issued.getUTCMonth(), 1));
  const periodEnd = addDays(new Date(Date.UTC(issued.getUTCFullYear(), issued.getUTCMonth() + 1, 1)), -1);
  const rate = pick(RATES[lang]);
  const items = Array.from({ length: 1 + Math.floor(r() * 9) }, () => {
    const quantity = 1 + Math.floor(r() * 12);
    const price = Math.round((5 + r() * 900) * 100) / 100;
    return { desc: pick(TRAIN_ITEMS), quantity, price, amount: Math.round(quantity * price * 100) / 100 };
  });
  const net = Math.round(items.reduce((s, i) => s + i.amount, 0) * 100) / 100;
  const tax = Math.round(net * rate) / 100;
  const gold: CustomInvoice['gold'] = {
    seller_vat: vatId(country.cc, r), buyer_vat: chance(0.6) ? vatId(pick(Object.values(COUNTRY)).cc, r) : null,
    buyer_reference: chance(0.5) ? pick([`04011000-${d(5)}-${d(2)}`, `REF-${d(4)}`, `${pick(['AB', 'KX', 'ZD'])}${d(6)}`, `${d(3)}/${d(4)}`]) : null,
    customer_number: chance(0.7) ? pick([d(6), `K-${d(5)}`, `C${d(7)}`, `${d(2)}-${d(4)}`]) : null,
    order_number: chance(0.5) ? pick([`PO-${d(5)}`, `${d(8)}`, `BE/${d(4)}/${d(2)}`, `45000${d(5)}`]) : null,
    contract_number: chance(0.3) ? pick([`CT-${d(4)}-${d(2)}`, `V${d(6)}`, `${d(4)}/${issued.getUTCFullYear()}`]) : null,
    delivery_date: chance(0.55) ? iso(addDays(issued, -Math.floor(r() * 10) - 1)) : null,
    period_start: null, period_end: null,
    payment_terms: chance(0.7) ? pick(c.termsText) : null,
    bic: chance(0.8) ? pick(BICS) : null,
    iban: chance(0.8) ? iban(country.cc, country.ibanLength, r) : null,
    seller_contact: chance(0.5) ? `${first} ${last}` : null,
    seller_email: chance(0.75) ? pick([`${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@${domain}`, `info@${domain}`, `billing@${domain}`, `rechnung@${domain}`]) : null,
    seller_phone: chance(0.7) ? phoneOf() : null,
    vat_rate: rate,
    line_count: items.length,
    seller_register: chance(0.45) ? register(lang, r) : null,
  };
  if (chance(0.45)) [gold.period_start, gold.period_end] = [iso(periodStart), iso(periodEnd)];

  const sellerStyle = pick(['plain', 'labelled', 'footer'] as const);
  const buyerStyle = pick(['heading', 'window', 'plain'] as const);
  const metaStyle = pick(['colon-left', 'colon-right', 'above', 'right'] as const);
  const footerStyle = pick(['line', 'columns', 'table'] as const);
  const withPos = chance(0.5);
  const layout = `${sellerStyle}/${buyerStyle}/${metaStyle}/${footerStyle}/${withPos ? 'pos' : 'nopos'}`;
  const buyerContact = chance(0.35);
  const gap = pick([': ', ': ', ' : ', ':  ']);

  // Seller's block and title.
  const sellerBlock = [vendor, vStreet, vCity];
  if (sellerStyle === 'plain') {
    if (gold.seller_phone) sellerBlock.push(String(gold.seller_phone));
    if (gold.seller_email) sellerBlock.push(String(gold.seller_email));
  } else if (sellerStyle === 'labelled') {
    if (gold.seller_phone) sellerBlock.push(`${label(c.phone)}${gap}${gold.seller_phone}`);
    if (gold.seller_email) sellerBlock.push(`${label(c.email)}${gap}${gold.seller_email}`);
  }
  const vatInBlock = sellerStyle !== 'footer' && chance(0.5);
  if (vatInBlock) sellerBlock.push(`${label(c.vatId)}${gap}${gold.seller_vat}`);
  const title = pick(v.title);
  const lines: string[] = [];
  const right = chance(0.5);
  sellerBlock.forEach((l, i) => lines.push(right ? place([[0, i === 0 ? title : ''], [56, l]]) : place([[0, l], [60, i === 0 ? title : '']])));
  lines.push('');

  // Buyer's block: the buyer's own VAT id, phone and email are the other party's, not the seller's.
  const buyer: string[] = [];
  if (buyerStyle === 'window') buyer.push(`${vendor} · ${vStreet} · ${vCity}`, '');
  if (buyerStyle === 'heading') buyer.push(pick(v.billTo));
  buyer.push(customer, cStreet, cCity);
  if (gold.buyer_vat) buyer.push(`${chance(0.5) ? label(c.vatId) : label(c.buyerVatId)}${gap}${gold.buyer_vat}`);
  if (buyerContact) buyer.push(`${label(c.phone)}${gap}${phoneOf()}`, `${label(c.email)}${gap}${pick(['info', 'ap', 'invoices'])}@${customer.toLowerCase().replace(/[^a-z]+/g, '').slice(0, 10)}.com`);

  // Document data.
  const meta: [string, string][] = [[pick(v.number), `${pick(['INV-', 'RE', 'F', ''])}${issued.getUTCFullYear()}-${d(4)}`], [pick(v.date), date(issued)]];
  const add = (labels: string[], value: string | number | null) => {
    if (value !== null) meta.push([label(labels), String(value)]);
  };
  add(c.customerNo, gold.customer_number);
  add(c.buyerRef, gold.buyer_reference);
  add(c.orderNo, gold.order_number);
  add(c.contract, gold.contract_number);
  if (gold.delivery_date) meta.push([label(c.deliveryDate), date(new Date(`${gold.delivery_date}T00:00:00Z`))]);
  if (gold.period_start) {
    const [s, e] = [date(periodStart), date(periodEnd)];
    if (metaStyle !== 'above' && chance(0.3)) meta.push([label(c.periodFrom), s], [label(c.periodTo), e]);
    else meta.push([label(c.period), `${s} ${pick([c.rangeWord, '-', '–'])} ${e}`]);
  }
  const contactInMeta = sellerStyle === 'footer' && chance(0.5);
  if (gold.seller_contact) meta.push([label(c.contact), String(gold.seller_contact)]);
  if (contactInMeta && gold.seller_phone) meta.push([label(c.phone), String(gold.seller_phone)]);
  if (contactInMeta && gold.seller_email) meta.push([label(c.email), String(gold.seller_email)]);
  const termsInMeta = gold.payment_terms !== null && metaStyle !== 'above' && chance(0.3);
  if (termsInMeta) meta.push([label(c.terms), String(gold.payment_terms)]);

  if (metaStyle === 'colon-right' || metaStyle === 'right') {
    // A window envelope's return line stands above both columns.
    if (buyerStyle === 'window') lines.push(...buyer.splice(0, 2));
    const n = Math.max(buyer.length, meta.length);
    for (let i = 0; i < n; i++) {
      const m = meta[i];
      const cols: [number, string][] = !m ? [] : metaStyle === 'colon-right' ? [[50, `${m[0]}${gap}${m[1]}`]] : [[48, m[0]], [72, m[1]]];
      lines.push(place([[0, buyer[i] ?? ''], ...cols]));
    }
  } else {
    lines.push(...buyer, '');
    if (metaStyle === 'colon-left') for (const [k, val] of meta) lines.push(`${k}${gap}${val}`);
    else {
      // Headers over their cells, at most four to a row.
      for (let i = 0; i < meta.length; i += 4) {
        const row = meta.slice(i, i + 4);
        const width = Math.max(22, ...row.map(([k, val]) => Math.max(k.length, val.length) + 3));
        lines.push(place(row.map(([k], j) => [j * width, k] as [number, string])), place(row.map(([, val], j) => [j * width, val] as [number, string])), '');
      }
    }
  }
  lines.push('');

  // Items.
  const rateText = `${String(rate).replace('.', numberStyle === 'en' ? '.' : ',')}%`;
  const vatColumn = chance(0.4);
  const head: [number, string][] = [[withPos ? 6 : 0, pick(v.desc)], [44, pick(v.qty)], [54, pick(v.unitPrice)], [W - 10, pick(v.lineAmount)]];
  if (withPos) head.unshift([0, label(c.pos)]);
  if (vatColumn) head.splice(-1, 0, [68, pick(v.vatCol)]);
  lines.push(place(head));
  items.forEach((it, i) => {
    const row: [number, string][] = [[withPos ? 6 : 0, it.desc], [44, String(it.quantity)], [54, num(it.price)], [W - 10, num(it.amount)]];
    if (withPos) row.unshift([0, String(i + 1)]);
    if (vatColumn) row.splice(-1, 0, [68, rateText]);
    lines.push(place(row));
  });
  lines.push('');
  const taxLabel = pick(v.tax);
  lines.push(place([[46, pick(v.subtotal)], [W - 10, num(net)]]));
  lines.push(place([[46, vatColumn && chance(0.5) ? taxLabel : `${taxLabel} ${rateText}`], [W - 10, num(tax)]]));
  lines.push(place([[46, pick(v.total)], [W - 10, num(Math.round((net + tax) * 100) / 100)]]));
  lines.push('');
  if (gold.payment_terms !== null && !termsInMeta) {
    if (chance(0.3)) lines.push(`${label(c.terms)}:`, String(gold.payment_terms));
    else lines.push(`${label(c.terms)}${gap}${gold.payment_terms}`);
  }
  lines.push(pick(v.thanks), '');

  // Footer: the seller's registration, VAT id, contact and bank.
  const bankName = pick(BANKS);
  const vatText = vatInBlock ? '' : `${label(c.vatId)}${gap}${gold.seller_vat}`;
  const regText = gold.seller_register ? `${label(c.register)}${gap}${gold.seller_register}` : '';
  const contactFooter = sellerStyle === 'footer' && !contactInMeta;
  const phoneText = contactFooter && gold.seller_phone ? `${label(c.phone)}${gap}${gold.seller_phone}` : '';
  const mailText = contactFooter && gold.seller_email ? `${label(c.email)}${gap}${gold.seller_email}` : '';
  const ibanText = gold.iban ? `IBAN${gap}${String(gold.iban).replace(/(.{4})(?!$)/g, chance(0.7) ? '$1 ' : '$1')}` : '';
  const bicText = gold.bic ? `${pick(['BIC', 'BIC', 'SWIFT', 'BIC/SWIFT'])}${gap}${gold.bic}` : '';
  if (footerStyle === 'line') {
    lines.push([vendor, vStreet, vCity, vatText, regText].filter(Boolean).join(' · '));
    if (phoneText || mailText) lines.push([phoneText, mailText].filter(Boolean).join(' · '));
    if (ibanText || bicText) lines.push([`${label(c.bank)}${gap}${bankName}`, ibanText, bicText].filter(Boolean).join(' · '));
  } else if (footerStyle === 'columns') {
    const cols = [[vendor, vStreet, vCity], [vatText, regText, phoneText, mailText].filter(Boolean), [bankName, ibanText, bicText].filter(Boolean)];
    for (let i = 0; i < Math.max(...cols.map((x) => x.length)); i++) lines.push(place([[0, cols[0][i] ?? ''], [30, cols[1][i] ?? ''], [62, cols[2][i] ?? '']]));
  } else {
    lines.push(place([[0, vendor], [32, [vatText, regText].filter(Boolean).join('  ')]]));
    if (phoneText || mailText) lines.push(place([[0, phoneText], [40, mailText]]));
    // The bank details as a small table: headers over their cells.
    if (ibanText || bicText) {
      const cells: [string, string][] = [[label(c.bank), bankName]];
      if (gold.iban) cells.push(['IBAN', ibanText.replace(/^IBAN\W*/, '')]);
      if (gold.bic) cells.push(['BIC', String(gold.bic)]);
      lines.push('', place(cells.map(([k], i) => [i * 36, k] as [number, string])), place(cells.map(([, val], i) => [i * 36, val] as [number, string])));
    }
  }
  return { seed, lang, font, layout, text: lines.join('\n'), gold };
}
