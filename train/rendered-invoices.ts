import { rng } from './synthetic-invoice-layouts.js';
import { RENDER_CITIES, RENDER_CUSTOMERS, RENDER_PERSONS, RENDER_STREETS, RENDER_VENDORS, RENDER_VOCAB, type RenderLang, type RenderVocabulary } from './rendered-invoice-vocabulary.js';

/**
 * A second invoice generator, independent of the training one (`synthetic-invoice-layouts.ts`): the
 * content of an invoice as accounting software or a word processor prints it, to be laid out by an
 * HTML template (`rendered-invoice-templates.ts`) and printed to PDF by chromium
 * (`rendered-invoice-pdf.ts`). Deterministic from a seed. What it varies: six languages and their
 * number and date styles (Intl, as web software prints them), wordings outside the training
 * vocabulary, the tax as a rate and an amount, discounts, shipping, prior payments and a balance
 * due, no tax, no due date, a ship-to block. The gold is what was generated; a field the page
 * does not print is null.
 */
export interface RenderedGold {
  invoice_date: string;
  due_date: string | null;
  vendor_name: string;
  customer_name: string;
  /** The party's printed address lines joined with ", " (the built-in field's form). */
  vendor_address: string;
  customer_address: string;
  currency: string;
  subtotal: number | null;
  tax_amount: number | null;
  total_amount: number;
}

export interface Party {
  name: string;
  lines: string[];
}

/** One row of the totals box, in print order. */
export interface TotalsRow {
  label: string;
  amount: string;
  kind: 'subtotal' | 'discount' | 'shipping' | 'tax' | 'total' | 'paid' | 'balance';
}

export interface InvoiceContent {
  seed: number;
  lang: RenderLang;
  vocab: RenderVocabulary;
  /** Picks one of a list, from the invoice's own random stream (templates vary by it too). */
  pick: <T>(list: readonly T[]) => T;
  chance: (p: number) => boolean;
  vendor: Party & { contact: string[] };
  customer: Party;
  shipTo: Party | null;
  attention: string | null;
  title: string;
  /** Label and value of the header's key facts: number, issue date, due date (when printed). */
  meta: [string, string][];
  number: string;
  issued: string;
  due: string | null;
  columns: [string, string, string, string];
  items: { desc: string; qty: string; unit: string; amount: string }[];
  totals: TotalsRow[];
  /** The amount the customer still owes, as printed (the headline of Stripe- and Zoho-like templates). */
  amountDue: string;
  terms: string;
  thanks: string;
  gold: RenderedGold;
}

const LOCALES: Record<RenderLang, string[]> = { en: ['en-US', 'en-GB'], de: ['de-DE', 'de-AT', 'de-CH'], fr: ['fr-FR', 'fr-BE', 'fr-CH'], es: ['es-ES'], nl: ['nl-NL', 'nl-BE'], it: ['it-IT'] };
const RATES: Record<RenderLang, number[]> = { en: [8.25, 20, 7, 10, 6.5, 5], de: [19, 7, 20], fr: [20, 10, 5.5], es: [21, 10], nl: [21, 9], it: [22, 10] };
const round2 = (n: number) => Math.round(n * 100) / 100;
const iso = (d: Date) => d.toISOString().slice(0, 10);

function currencyFor(locale: string, chance: (p: number) => boolean): string {
  if (locale === 'en-US') return 'USD';
  if (locale === 'en-GB') return chance(0.7) ? 'GBP' : 'EUR';
  if (locale.endsWith('-CH')) return 'CHF';
  return 'EUR';
}

/** Money as web software prints it: Intl with symbol or code, a bare number with the code after, or a symbol glued before. */
function moneyFormatter(locale: string, currency: string, style: number): (n: number) => string {
  const num = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const cur = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: style === 1 ? 'code' : 'symbol' });
  const symbol = { USD: '$', GBP: '£', EUR: '€', CHF: 'CHF ' }[currency] ?? currency;
  if (style <= 1) return (n) => cur.format(n);
  if (style === 2) return (n) => `${num.format(n)} ${currency}`;
  if (style === 3) return (n) => (n < 0 ? `-${symbol}${num.format(-n)}` : `${symbol}${num.format(n)}`);
  return (n) => num.format(n);
}

function dateFormatter(locale: string, style: number): (d: Date) => string {
  if (style === 3) return iso;
  const opts: Intl.DateTimeFormatOptions[] = [
    { dateStyle: 'long', timeZone: 'UTC' },
    { dateStyle: 'medium', timeZone: 'UTC' },
    { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' },
  ];
  const f = new Intl.DateTimeFormat(locale, opts[style]);
  return (d) => f.format(d);
}

export function generateRenderedContent(seed: number, lang?: RenderLang): InvoiceContent {
  const r = rng(seed * 7919 + 17);
  for (let i = 0; i < 5; i++) r();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const chance = (p: number) => r() < p;
  const language = lang ?? pick(['en', 'en', 'de', 'fr', 'es', 'nl', 'it'] as RenderLang[]);
  const v = RENDER_VOCAB[language];
  const locale = pick(LOCALES[language]);
  const currency = currencyFor(locale, chance);
  const money = moneyFormatter(locale, currency, Math.floor(r() * 5));
  // The bare number style needs the currency said somewhere: the column headers carry it then.
  const bare = money(1).replace(/[^\d.,\s']/g, '').trim() === money(1).trim();
  const date = dateFormatter(locale, Math.floor(r() * 4));
  const rateText = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });

  const vendorName = pick(RENDER_VENDORS);
  const vendor = { name: vendorName, lines: [pick(RENDER_STREETS), pick(RENDER_CITIES)], contact: [`billing@${vendorName.toLowerCase().replace(/[^a-z]+/g, '').slice(0, 12)}.example`, `+${10 + Math.floor(r() * 80)} ${100 + Math.floor(r() * 900)} ${1000 + Math.floor(r() * 9000)}`] };
  let customerName = pick(RENDER_CUSTOMERS);
  while (customerName === vendorName) customerName = pick(RENDER_CUSTOMERS);
  const customer = { name: customerName, lines: [pick(RENDER_STREETS), pick(RENDER_CITIES)] };
  const shipTo = chance(0.3) ? { name: chance(0.5) ? customerName : pick(RENDER_PERSONS), lines: [pick(RENDER_STREETS), pick(RENDER_CITIES)] } : null;
  const attention = chance(0.25) ? pick(RENDER_PERSONS) : null;

  const issue = new Date(Date.UTC(2024 + Math.floor(r() * 3), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
  const dueDate = chance(0.8) ? new Date(issue.getTime() + pick([7, 10, 14, 15, 30, 30, 45, 60]) * 86400000) : null;
  const number = pick([`INV-${String(1 + Math.floor(r() * 9999)).padStart(4, '0')}`, `${issue.getUTCFullYear()}-${100 + Math.floor(r() * 900)}`, `${1000 + Math.floor(r() * 90000)}`, `F${issue.getUTCFullYear()}/${Math.floor(r() * 999)}`]);
  const meta: [string, string][] = [[pick(v.number), number], [pick(v.date), date(issue)]];
  if (dueDate) meta.push([pick(v.due), date(dueDate)]);

  const items = Array.from({ length: 1 + Math.floor(r() * 6) }, () => {
    const qty = pick([1, 1, 2, 3, 5, 10, 12, 0.5, 7.5]);
    const unit = round2(pick([15, 45, 80, 120, 250, 600, 1450]) * (0.5 + r()));
    return { desc: pick(v.items), qty: String(qty).replace('.', locale.startsWith('en') ? '.' : ','), unit: money(unit), amount: money(round2(qty * unit)), value: round2(qty * unit) };
  });
  const itemsTotal = round2(items.reduce((s, i) => s + i.value, 0));
  const discount = chance(0.15) ? round2(itemsTotal * pick([0.05, 0.1, 0.15])) : 0;
  const shipping = chance(0.2) ? pick([4.95, 9.9, 15, 25, 49]) : 0;
  const taxed = chance(0.9);
  const rate = pick(RATES[language]);
  const base = round2(itemsTotal - discount + (chance(0.5) ? shipping : 0));
  const tax = taxed ? round2((base * rate) / 100) : 0;
  const total = round2(itemsTotal - discount + shipping + tax);
  const paid = chance(0.2) ? (chance(0.3) ? total : round2(total * pick([0.3, 0.5]))) : 0;
  const showSubtotal = taxed || discount > 0 || shipping > 0 || chance(0.5);

  const totals: TotalsRow[] = [];
  if (showSubtotal) totals.push({ label: pick(v.subtotal), amount: money(itemsTotal), kind: 'subtotal' });
  if (discount) totals.push({ label: pick(v.discount), amount: money(-discount), kind: 'discount' });
  if (shipping) totals.push({ label: pick(v.shipping), amount: money(shipping), kind: 'shipping' });
  if (taxed) totals.push({ label: pick(v.tax).replace('{r}', rateText.format(rate / 100)), amount: money(tax), kind: 'tax' });
  // "Amount due" / "Balance due" as the total's own label only when nothing was paid.
  const totalLabels = paid ? v.total.filter((l) => !v.balance.includes(l)) : v.total;
  totals.push({ label: pick(totalLabels), amount: money(total), kind: 'total' });
  if (paid) {
    totals.push({ label: pick(v.paid), amount: money(-paid), kind: 'paid' });
    totals.push({ label: pick(v.balance), amount: money(round2(total - paid)), kind: 'balance' });
  }
  const columns = v.columns.map((c) => pick(c)) as [string, string, string, string];
  if (bare) columns[3] = `${columns[3]} (${currency})`;

  return {
    seed, lang: language, vocab: v, pick, chance, vendor, customer, shipTo, attention,
    title: pick(v.title), meta, number, issued: date(issue), due: dueDate ? date(dueDate) : null, columns,
    items: items.map(({ desc, qty, unit, amount }) => ({ desc, qty, unit, amount })),
    totals, amountDue: money(round2(total - paid)), terms: pick(v.terms), thanks: pick(v.thanks),
    gold: {
      invoice_date: iso(issue),
      due_date: dueDate ? iso(dueDate) : null,
      vendor_name: vendorName,
      customer_name: customerName,
      vendor_address: vendor.lines.join(', '),
      customer_address: customer.lines.join(', '),
      currency,
      subtotal: showSubtotal ? itemsTotal : null,
      tax_amount: taxed ? tax : null,
      total_amount: total,
    },
  };
}
