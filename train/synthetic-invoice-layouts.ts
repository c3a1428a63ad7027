import { PAGE_BREAK, type StandardFont } from '../test/fixtures/text-pdf.js';
import { pageHead } from './synthetic-page-heads.js';
import { generatedCustomerName, generatedVendorName } from './synthetic-party-names.js';
import { TRAIN_CITIES, TRAIN_CUSTOMERS, TRAIN_ITEMS, TRAIN_STREETS, TRAIN_VENDORS, TRAIN_VOCAB, type TrainLang } from './synthetic-invoice-vocabulary.js';

/**
 * Varied synthetic invoices for TRAINING the invoice scorers (never for measuring them: real
 * documents are the measure). Deterministic from a seed. Each varies what real invoices vary:
 * labels in six languages (several wordings each), label left of or above its value, the vendor's
 * block top-left, top-right or only in the footer, a buyer block with or without a ship-to block or
 * a window-envelope return address, four item-table shapes (with a VAT column, net/VAT/gross per
 * row), one or two tax rates, discounts, shipping before or after tax, no tax, amounts in six number
 * styles with symbols or codes before or after, dates in nine formats, other dates (delivery, order,
 * print), and amounts that are not the total: amount paid, balance due, a previous balance, page
 * totals carried over to a second page. The gold is what was generated.
 */
export interface TrainingInvoice {
  seed: number;
  lang: TrainLang;
  font: StandardFont;
  /** The layout choices, for grouping folds and for reading failures. */
  layout: string;
  text: string;
  gold: {
    invoice_date: string;
    due_date: string | null;
    /** null: the page prints none (the seller's name only as a logo; no buyer at all). */
    vendor_name: string | null;
    customer_name: string | null;
    currency: string;
    subtotal: number | null;
    tax_amount: number | null;
    total_amount: number;
  };
}

const LANGS: TrainLang[] = ['en', 'de', 'fr', 'es', 'nl', 'it'];
/** "Invoice 123 of <date>" in each language. */
const OF: Record<TrainLang, string> = { en: 'dated', de: 'vom', fr: 'du', es: 'del', nl: 'van', it: 'del' };
const RATES: Record<TrainLang, number[]> = { en: [20, 5], de: [19, 7], fr: [20, 10, 5.5], es: [21, 10], nl: [21, 9], it: [22, 10] };
const SYMBOL: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };
const W = 90;
/** Labels over the seller's block, some the label lexicon knows and some it does not. */
const SELLER_LABEL: Record<TrainLang, string[]> = {
  en: ['From:', 'Seller:', 'Supplier', 'Issued by:', 'Our details', 'Remit to:'],
  de: ['Verkäufer', 'Lieferant:', 'Rechnungssteller', 'Absender:', 'Unsere Anschrift'],
  fr: ['Vendeur', 'Fournisseur :', 'Émetteur', 'Nos coordonnées'],
  es: ['Proveedor', 'Vendedor:', 'Emisor', 'Datos del emisor'],
  nl: ['Leverancier', 'Verkoper:', 'Afzender', 'Onze gegevens'],
  it: ['Fornitore', 'Venditore:', 'Cedente', 'I nostri dati'],
};
const BUYER_LABEL: Record<TrainLang, string[]> = {
  en: ['Buyer', 'Customer', 'Bill to'],
  de: ['Käufer/Leistungsempfänger', 'Rechnungsempfänger', 'Kunde'],
  fr: ['Acheteur', 'Client', 'Adresse du client'],
  es: ['Comprador', 'Cliente'],
  nl: ['Koper', 'Klant', 'Afnemer'],
  it: ['Cliente', 'Committente', 'Cessionario'],
};
/** Keys of a key/value party block ("Name: … / Anschrift: …"). */
const PARTY_KEYS: Record<TrainLang, [string, string, string]> = {
  en: ['Name:', 'Address:', 'VAT ID:'],
  de: ['Name:', 'Anschrift:', 'USt.-Id.-Nr.:'],
  fr: ['Nom :', 'Adresse :', 'N° TVA :'],
  es: ['Nombre:', 'Dirección:', 'NIF:'],
  nl: ['Naam:', 'Adres:', 'Btw-nr.:'],
  it: ['Nome:', 'Indirizzo:', 'P. IVA:'],
};
const ATTENTION: Record<TrainLang, string> = { en: 'Attn:', de: 'z. Hd.', fr: "À l'attention de", es: 'Att.:', nl: 't.a.v.', it: "All'attenzione di" };
/** The share of invoices whose parties' names are built from parts rather than listed. */
const GENERATED_NAMES = 0.6;
const PERSONS = ['John Miller', 'Anna Schmidt', 'Paul Durand', 'Lucía García', 'Jan de Jong', 'Marco Rossi', 'Sarah Lee'];

export function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** An integer hash (the murmur3 finalizer's mix), so that neighbouring seeds start far apart. */
function hashSeed(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) >>> 0;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export type NumberStyle = 'en' | 'de' | 'fr' | 'ch' | 'dot' | 'comma';
export function formatNumber(n: number, style: NumberStyle): string {
  const [int, dec] = Math.abs(n).toFixed(2).split('.');
  const group = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const body = { en: `${group(',')}.${dec}`, de: `${group('.')},${dec}`, fr: `${group(' ')},${dec}`, ch: `${group("'")}.${dec}`, dot: `${int}.${dec}`, comma: `${int},${dec}` }[style];
  return n < 0 ? `-${body}` : body;
}

export type DateStyle = 'dmy-dot' | 'dmy-slash' | 'mdy-slash' | 'iso' | 'long-dmy' | 'long-mdy' | 'dmy-dash' | 'dmy-short' | 'abbr';
export function formatDate(date: Date, style: DateStyle, months: string[]): string {
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const p = (n: number) => String(n).padStart(2, '0');
  switch (style) {
    case 'dmy-dot': return `${p(d)}.${p(m)}.${y}`;
    case 'dmy-slash': return `${p(d)}/${p(m)}/${y}`;
    case 'mdy-slash': return `${p(m)}/${p(d)}/${y}`;
    case 'iso': return `${y}-${p(m)}-${p(d)}`;
    case 'long-dmy': return `${d}${months[0] === 'Januar' ? '.' : ''} ${months[m - 1]} ${y}`;
    case 'long-mdy': return `${months[m - 1]} ${d}, ${y}`;
    case 'dmy-dash': return `${p(d)}-${p(m)}-${y}`;
    case 'dmy-short': return `${p(d)}.${p(m)}.${String(y).slice(2)}`;
    case 'abbr': return `${p(d)}-${months[m - 1].slice(0, 3)}-${y}`;
  }
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);

/** Places texts at columns of a fixed-width line (a text that would overlap moves right). */
export function place(cols: [number, string][]): string {
  let line = '';
  for (const [col, text] of cols) {
    if (!text) continue;
    line = line.length < col ? line.padEnd(col) : line.length ? `${line}  ` : line;
    line += text;
  }
  return line.trimEnd();
}

export function generateTrainingInvoice(seed: number): TrainingInvoice {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number) => r() < p;
  // Choices added later draw from a second stream, so the first stream's draws (and with them the
  // rest of each invoice) stay as they were.
  const r2 = rng(seed + 7_000_003);
  const chance2 = (p: number) => r2() < p;
  const pick2 = <T>(xs: readonly T[]): T => xs[Math.floor(r2() * xs.length)];
  // Where the parties' names are printed: a third stream, so the first two streams' choices stay.
  const r3 = rng(seed + 11_000_027);
  const chance3 = (p: number) => r3() < p;
  const pick3 = <T>(xs: readonly T[]): T => xs[Math.floor(r3() * xs.length)];
  // Whether the parties are printed at all: a fourth stream, so the other streams' choices stay.
  // No customer: a cash sale, a page of key/value data; no seller's name: it is in a logo only.
  // Its seed is hashed: the first draws of rng(seed + k) step evenly with the seed, which would give
  // runs of consecutive seeds the same choice.
  const r4 = rng(hashSeed(seed + 13_000_019));
  const noCustomer = r4() < 0.15;
  const noVendorName = r4() < 0.06;
  const lang = LANGS[seed % LANGS.length];
  const v = TRAIN_VOCAB[lang];
  const currency = lang === 'en' ? pick(['USD', 'USD', 'GBP', 'EUR']) : lang === 'de' || lang === 'fr' || lang === 'it' ? pick(['EUR', 'EUR', 'EUR', 'CHF']) : 'EUR';
  const us = currency === 'USD';
  const numberStyle: NumberStyle =
    currency === 'CHF' ? pick(['ch', 'dot', 'de']) : lang === 'en' ? pick(['en', 'en', 'dot']) : lang === 'fr' ? pick(['fr', 'de', 'comma']) : pick(['de', 'de', 'comma', 'fr']);
  const dateStyle: DateStyle = us
    ? pick(['mdy-slash', 'long-mdy', 'iso', 'abbr'])
    : lang === 'en'
      ? pick(['dmy-slash', 'long-dmy', 'iso', 'abbr', 'dmy-dash'])
      : pick(['dmy-dot', 'dmy-slash', 'long-dmy', 'iso', 'dmy-dash', 'dmy-short']);
  const curStyle = pick(['before', 'after', 'code-before', 'code-after', 'none', 'none'] as const);
  const font = pick(['Courier', 'Helvetica', 'Times-Roman'] as const);
  const num = (n: number) => formatNumber(n, numberStyle);
  const sym = SYMBOL[currency];
  const money = (n: number) =>
    curStyle === 'before' ? `${sym}${sym.length > 1 ? ' ' : ''}${num(n)}` : curStyle === 'after' ? `${num(n)} ${sym}` : curStyle === 'code-before' ? `${currency} ${num(n)}` : curStyle === 'code-after' ? `${num(n)} ${currency}` : num(n);
  const date = (d: Date) => formatDate(d, dateStyle, v.months);

  // The listed names are still drawn (the first stream stays as it was); most invoices print names
  // built from parts instead (synthetic-party-names.ts), from a fifth stream.
  const listedVendor = pick(TRAIN_VENDORS);
  const listedCustomer = pick(TRAIN_CUSTOMERS.filter((c) => c !== listedVendor));
  const r5 = rng(hashSeed(seed + 17_000_041));
  const vendor = r5() < GENERATED_NAMES ? generatedVendorName(r5, lang) : listedVendor;
  const customer = r5() < GENERATED_NAMES ? generatedCustomerName(r5, lang) : listedCustomer;
  const [vStreet, vCity, cStreet, cCity] = [pick(TRAIN_STREETS), pick(TRAIN_CITIES), pick(TRAIN_STREETS), pick(TRAIN_CITIES)];
  const issued = new Date(Date.UTC(2016 + Math.floor(r() * 11), Math.floor(r() * 12), 1 + Math.floor(r() * 28)));
  const hasDue = chance(0.75);
  const due = addDays(issued, pick([7, 10, 14, 14, 30, 30, 30, 45, 60]));
  const prefix = pick(['INV', 'RE', 'F', 'FA', '', 'R']);
  const number = `${prefix}${prefix ? pick(['-', '', '/']) : ''}${issued.getUTCFullYear()}${pick(['-', '/', ''])}${100 + Math.floor(r() * 99900)}`;

  // Items, taxes and totals.
  const rates = RATES[lang].slice(0, 2);
  const mainRate = us ? pick([6.25, 7, 8.25, 8.875]) : rates[0];
  const multiRate = !us && chance(0.2);
  const noTax = chance(0.1);
  const manyItems = chance(0.12);
  const items = Array.from({ length: manyItems ? 26 + Math.floor(r() * 20) : 1 + Math.floor(r() * 7) }, () => {
    const quantity = chance(0.2) ? 1 + Math.floor(r() * 40) / 2 : 1 + Math.floor(r() * 12);
    const price = round2(chance(0.3) ? 1 + r() * 40 : 10 + r() * 1500);
    return { desc: pick(TRAIN_ITEMS), quantity, price, amount: round2(quantity * price), rate: multiRate ? pick(rates) : noTax ? 0 : mainRate };
  });
  const itemsSum = round2(items.reduce((s, i) => s + i.amount, 0));
  const discount = !multiRate && chance(0.15) ? round2(itemsSum * pick([0.02, 0.05, 0.1])) : 0;
  const shipping = chance(0.2) ? round2(pick([4.9, 9.95, 15, 25, 49])) : 0;
  const shipAfterTax = shipping > 0 && chance(0.4);
  const subtotal = round2(itemsSum - discount + (shipAfterTax ? 0 : shipping));
  const byRate = new Map<number, number>();
  if (multiRate) for (const i of items) byRate.set(i.rate, round2((byRate.get(i.rate) ?? 0) + i.amount));
  else byRate.set(noTax ? 0 : mainRate, subtotal);
  const taxLines = [...byRate].map(([rate, base]) => ({ rate, base, tax: round2((base * rate) / 100) }));
  const tax = round2(taxLines.reduce((s, t) => s + t.tax, 0));
  const printTaxZero = noTax && chance(0.5);
  const total = round2(subtotal + tax + (shipAfterTax ? shipping : 0));
  const paid = chance(0.15) ? round2(total * pick([0.3, 0.5])) : 0;
  const previous = chance(0.08) ? round2(50 + r() * 900) : 0;
  const printSubtotal = !(noTax && !printTaxZero && chance(0.5));

  const vendorPos = pick(['top-left', 'top-left', 'top-right', 'footer'] as const);
  const metaStyle = pick(['colon-right', 'colon-left', 'columns', 'above'] as const);
  const partyStyle = pick(['bill', 'bill-ship', 'window', 'plain'] as const);
  const tableStyle = pick(['basic', 'vat-col', 'net-vat-gross', 'pos'] as const);
  const totalsStyle = pick(['right', 'right', 'left', 'above'] as const);
  const layout = `${vendorPos}/${metaStyle}/${partyStyle}/${tableStyle}/${totalsStyle}`;

  const lines: string[] = [];
  const title = pick(v.title);
  // Header: the vendor's block and the title. The name may wrap onto two lines, sit under a logo's
  // brand text or a seller label; the parties may instead be key/value blocks ("Name: …").
  const phone = chance(0.5) ? `Tel. +${10 + Math.floor(r() * 89)} ${100 + Math.floor(r() * 899)} ${1000 + Math.floor(r() * 8999)}` : '';
  const keyValueParties = chance3(0.12);
  const vendorWords = vendor.split(' ');
  const wrapAt = vendorWords.length >= 3 && chance3(0.3) ? Math.ceil(vendorWords.length / 2) : 0;
  const vendorLines = wrapAt ? [vendorWords.slice(0, wrapAt).join(' '), vendorWords.slice(wrapAt).join(' ')] : [vendor];
  const brand = chance3(0.25) ? pick3([vendorWords[0].toUpperCase(), `LOGO ${vendorWords[0]}`, `${vendorWords[0]} ${pick3(['Group', '®', '- since 1987', 'Solutions'])}`]) : '';
  const sellerLabel = chance3(0.3) ? pick3(SELLER_LABEL[lang]) : '';
  const vendorBlock = [noVendorName ? '' : brand, sellerLabel, ...(noVendorName ? [] : vendorLines), vStreet, vCity, phone].filter(Boolean);
  if (keyValueParties) {
    lines.push(title);
  } else if (vendorPos === 'top-left') {
    vendorBlock.forEach((l, i) => lines.push(place([[0, l], [60, i === 0 ? title : '']])));
  } else if (vendorPos === 'top-right') {
    vendorBlock.forEach((l, i) => lines.push(place([[0, i === 0 ? title : ''], [58, l]])));
  } else {
    lines.push(title);
  }
  // A generator's or template's stamp with a date of its own, and the number and date on one line
  // ("Rechnung Nr. 4711 vom 13.06.2018", "Facture n° 12 du 3 mars 2024").
  if (chance2(0.2)) {
    const stamp = addDays(issued, pick2([-900, -400, -30, 200, 500]));
    lines.push(pick2([`Template version 2.${Math.floor(r2() * 9)} of ${date(stamp)}`, `Generated with InvoiceKit 3.1 (${date(stamp)})`, `Price list ${date(stamp)}`, `Version ${Math.floor(r2() * 5)}.0 ${OF[lang]} ${date(stamp)}`]));
  }
  const numberWithDate = chance2(0.2);
  if (numberWithDate) lines.push('', `${title}${/(?:n[°.]|nr\.)$/i.test(title) ? '' : ` ${pick2(['Nr.', 'No.', 'N°', '#'])}`} ${number} ${OF[lang]} ${date(issued)}`);
  if (chance2(0.15)) lines.push(`${pick2(['Ref.', 'Reference', 'Bezug', 'Réf.'])}: ${pick2(v.title)} ${100 + Math.floor(r2() * 900)} ${OF[lang]} ${date(addDays(issued, -pick2([20, 31, 60, 90])))}`);
  lines.push('');
  // Document data: number, dates, references.
  const numberLabel = pick(v.number);
  const meta: [string, string][] = [[numberLabel, number], [pick(v.date), date(issued)]];
  if (numberWithDate && chance2(0.5)) meta.splice(0, 2);
  if (hasDue) meta.push([pick(v.due), date(due)]);
  if (chance(0.4)) meta.push([pick(v.otherDate), date(addDays(issued, -Math.floor(r() * 20)))]);
  if (chance(0.4)) meta.push([pick(v.customerNo), String(10000 + Math.floor(r() * 89999))]);
  if (chance(0.3)) meta.push([pick(v.orderNo), `PO-${1000 + Math.floor(r() * 8999)}`]);
  const partyLines: string[] = [];
  if (partyStyle === 'window') partyLines.push(`${noVendorName ? '' : `${vendor} · `}${vStreet} · ${vCity}`);
  const billLabel = partyStyle === 'bill' || partyStyle === 'bill-ship' ? pick(v.billTo) : '';
  const inlineBill = billLabel && chance3(0.25);
  if (billLabel && !inlineBill) partyLines.push(billLabel);
  const salutation = /^(?:Herrn|Frau|Mme|M\.|Ms|Mr|Sra?\.|Dhr\.|Mevr\.|Sig\.(?:ra)?)\s/.exec(customer);
  if (salutation && chance3(0.5)) partyLines.push(salutation[0].trim(), customer.slice(salutation[0].length));
  else partyLines.push(inlineBill ? `${billLabel.replace(/:?$/, ':')} ${customer}` : customer);
  if (chance3(0.2)) partyLines.push(`${ATTENTION[lang]} ${pick3(PERSONS)}`);
  partyLines.push(cStreet, cCity);
  const shipLines = partyStyle === 'bill-ship' ? [pick(v.shipTo), chance(0.5) ? customer : pick(TRAIN_CUSTOMERS), pick(TRAIN_STREETS), pick(TRAIN_CITIES)] : [];
  if (noCustomer) partyLines.splice(0);
  if (noCustomer) shipLines.splice(0);
  if (metaStyle === 'colon-right' || metaStyle === 'columns') {
    const n = Math.max(partyLines.length, meta.length);
    for (let i = 0; i < n; i++) {
      const m = meta[i];
      const right: [number, string][] = !m ? [] : metaStyle === 'colon-right' ? [[54, `${m[0]}: ${m[1]}`]] : [[52, m[0]], [72, m[1]]];
      lines.push(place([[0, partyLines[i] ?? ''], ...right]));
    }
    if (shipLines.length) lines.push('', ...shipLines);
  } else {
    if (metaStyle === 'colon-left') for (const [k, val] of meta) lines.push(`${k}: ${val}`);
    else {
      lines.push(place(meta.map(([k], i) => [i * 22, k] as [number, string])));
      lines.push(place(meta.map(([, val], i) => [i * 22, val] as [number, string])));
    }
    lines.push('');
    const n = Math.max(partyLines.length, shipLines.length);
    for (let i = 0; i < n; i++) lines.push(place([[0, partyLines[i] ?? ''], [48, shipLines[i] ?? '']]));
  }
  lines.push('');
  if (keyValueParties) {
    const [nameKey, addressKey, vatKey] = PARTY_KEYS[lang];
    const block = (label: string, name: string, street: string, city: string, vat: string) => {
      lines.push(label);
      const nameRows = name === vendor && wrapAt ? vendorLines : [name];
      if (nameRows.length > 1) lines.push(place([[24, nameRows[0]]]), place([[0, nameKey], [24, nameRows[1]]]));
      else lines.push(place([[0, nameKey], [24, name]]));
      lines.push(place([[0, addressKey], [24, street]]), place([[24, city]]));
      if (vat) lines.push(place([[0, vatKey], [24, vat]]));
      lines.push('');
    };
    const sellerKvLabel = pick3(SELLER_LABEL[lang]).replace(/:$/, '');
    const vat = `DE${100000000 + Math.floor(r3() * 899999999)}`;
    if (noVendorName) lines.push(sellerKvLabel, place([[0, PARTY_KEYS[lang][1]], [24, vStreet]]), place([[24, vCity]]), place([[0, PARTY_KEYS[lang][2]], [24, vat]]), '');
    else block(sellerKvLabel, vendor, vStreet, vCity, vat);
    const buyerLabel = pick3(BUYER_LABEL[lang]);
    const buyerVat = chance3(0.5) ? `FR${10000000000 + Math.floor(r3() * 89999999999)}` : '';
    if (!noCustomer) block(buyerLabel, customer, cStreet, cCity, buyerVat);
  }

  // The item table.
  const rateText = (rate: number) => `${String(rate).replace('.', numberStyle === 'en' || numberStyle === 'dot' || numberStyle === 'ch' ? '.' : ',')}%`;
  const amountCol = W;
  const right = (text: string, end: number): [number, string] => [Math.max(0, end - text.length), text];
  const header = (): string => {
    const desc = pick(v.desc);
    if (tableStyle === 'basic') return place([[0, desc], [46, pick(v.qty)], [58, pick(v.unitPrice)], right(pick(v.lineAmount), amountCol)]);
    if (tableStyle === 'vat-col') return place([[0, desc], [40, pick(v.qty)], [50, pick(v.unitPrice)], [66, pick(v.vatCol)], right(pick(v.lineAmount), amountCol)]);
    if (tableStyle === 'pos') return place([[0, 'Pos.'], [6, desc], [44, pick(v.qty)], [54, pick(v.unitPrice)], right(pick(v.lineAmount), amountCol)]);
    return place([[0, desc], [38, pick(v.qty)], right(pick(v.lineAmount), 62), right(pick(v.vatCol), 74), right('Brutto', amountCol)]);
  };
  const itemRow = (it: (typeof items)[number], i: number): string => {
    const q = Number.isInteger(it.quantity) ? String(it.quantity) : num(it.quantity).replace(/0$/, '');
    if (tableStyle === 'basic') return place([[0, it.desc], [46, q], right(num(it.price), 68), right(num(it.amount), amountCol)]);
    if (tableStyle === 'vat-col') return place([[0, it.desc], [40, q], right(num(it.price), 60), [66, rateText(it.rate)], right(num(it.amount), amountCol)]);
    if (tableStyle === 'pos') return place([[0, String(i + 1)], [6, it.desc], [44, q], right(num(it.price), 64), right(num(it.amount), amountCol)]);
    const t = round2((it.amount * it.rate) / 100);
    return place([[0, it.desc], [38, q], right(num(it.amount), 62), right(num(t), 74), right(num(round2(it.amount + t)), amountCol)]);
  };
  lines.push(header());
  let running = 0;
  items.forEach((it, i) => {
    if (manyItems && i === 22) {
      const carried = pick(v.carried);
      lines.push('', place([[40, carried], right(num(running), amountCol)]), place([[0, `${v.page} 1`]]), PAGE_BREAK);
      lines.push(place([[0, vendor], [60, `${v.page} 2`]]), place([[0, `${numberLabel}: ${number}`]]), '', place([[40, carried], right(num(running), amountCol)]), header());
    }
    lines.push(itemRow(it, i));
    running = round2(running + it.amount);
  });
  lines.push('');

  // The totals block.
  const totals: [string, number][] = [];
  if (discount || (shipping && !shipAfterTax)) totals.push([pick(v.itemsTotal), itemsSum]);
  if (discount) totals.push([`${pick(v.discount)}${chance(0.5) ? ` ${Math.round((discount / itemsSum) * 100)}%` : ''}`, -discount]);
  if (shipping && !shipAfterTax) totals.push([pick(v.shipping), shipping]);
  if (printSubtotal) totals.push([pick(v.subtotal), subtotal]);
  const taxLabel = pick(v.tax);
  if (!noTax || printTaxZero) {
    for (const t of taxLines) {
      const on = chance(0.3) ? ` ${{ en: 'on', de: 'auf', fr: 'sur', es: 'sobre', nl: 'over', it: 'su' }[lang]} ${num(t.base)}` : '';
      totals.push([chance(0.5) ? `${taxLabel} ${rateText(t.rate)}${on}` : `${taxLabel} (${rateText(t.rate)})${on}`, t.tax]);
    }
    if (taxLines.length > 1) totals.push([pick(v.totalTax), tax]);
  }
  if (shipAfterTax) totals.push([pick(v.shipping), shipping]);
  if (previous && chance(0.5)) totals.push([pick(v.previousBalance), previous]);
  const totalLabel = pick(v.total);
  totals.push([totalLabel, total]);
  if (paid) totals.push([pick(v.paid), -paid]);
  if (previous && !totals.some(([, a]) => a === previous)) totals.push([pick(v.previousBalance), previous]);
  if (paid || previous) totals.push([pick(v.balanceDue), round2(total - paid + previous)]);
  const shown = (label: string, a: number) => (label === totalLabel || chance(0.4) ? money(a) : num(a));
  if (totalsStyle === 'above') {
    const cols = totals.slice(-4);
    const at = (i: number) => W - (cols.length - i) * 22 + 2;
    lines.push(place(cols.map(([l], i) => [at(i), l] as [number, string])));
    lines.push(place(cols.map(([l, a], i) => right(shown(l, a), at(i) + 20))));
    if (totals.length > 4) lines.push(...totals.slice(0, -4).map(([l, a]) => place([[40, l], right(shown(l, a), amountCol)])));
  } else {
    const labelCol = totalsStyle === 'right' ? 46 : 0;
    const valueEnd = totalsStyle === 'right' ? amountCol : 40;
    for (const [l, a] of totals) lines.push(place([[labelCol, l], right(shown(l, a), valueEnd)]));
  }
  if (curStyle === 'none' && chance(0.6)) lines.push('', pick([`Currency: ${currency}`, `All amounts in ${currency}`, `${{ de: 'Währung', fr: 'Devise', es: 'Moneda', nl: 'Valuta', it: 'Valuta', en: 'Currency' }[lang]}: ${currency}`]));

  // Footer: terms, bank, print date, the vendor's line.
  lines.push('', pick(v.terms));
  if (hasDue && chance(0.3)) lines.push(`${pick(v.due)} ${date(due)}`);
  if (chance(0.5)) lines.push(`IBAN DE${10 + Math.floor(r() * 89)} 3704 0044 0532 0130 00  BIC COBADEFFXXX`);
  if (chance(0.2)) lines.push(`${date(addDays(issued, Math.floor(r() * 5)))}  ${v.page} ${manyItems ? 2 : 1}`);
  lines.push(pick(v.thanks));
  const footerLine = (vendorPos === 'footer' || chance(0.3)) && !noVendorName;
  if (footerLine && chance3(0.4)) {
    // A letter's footer in columns: the legal name over its address, the register, the bank.
    const vat = `DE${100000000 + Math.floor(r3() * 899999999)}`;
    lines.push(
      '',
      place([[0, vendor], [34, `${pick3(['Geschäftsführer: ', 'Managing Director: ', 'Gérant : ', 'Amministratore: '])}${pick3(PERSONS)}`], [64, 'IBAN DE89 3704 0044 0532 0130 00']]),
      place([[0, vStreet], [34, pick3(['HRB 12345', 'RCS Paris 123 456 789', 'Company No. 0812345', 'KvK 12345678'])], [64, 'BIC COBADEFFXXX']]),
      place([[0, vCity], [34, `VAT ${vat}`]]),
    );
  } else if (footerLine) lines.push('', `${vendor} · ${vStreet} · ${vCity} · VAT DE${100000000 + Math.floor(r() * 899999999)}`);

  // A viewer's heading or a print banner above everything: a sixth stream, so the others stay.
  const head = pageHead(rng(hashSeed(seed + 19_000_043)), lang);
  if (head) lines.unshift(head, '');

  return {
    seed,
    lang,
    font,
    layout,
    text: lines.join('\n'),
    gold: {
      invoice_date: iso(issued),
      due_date: hasDue ? iso(due) : null,
      vendor_name: noVendorName ? null : vendor,
      customer_name: noCustomer ? null : customer,
      currency,
      subtotal: printSubtotal ? subtotal : null,
      tax_amount: !noTax || printTaxZero ? tax : null,
      total_amount: total,
    },
  };
}
