import { COUNTRIES, type Country, MONTH_LANG, MONTH_NAMES, STYLES } from './rendered-receipt-countries.js';

/**
 * Receipts from other countries, as till printers lay them out, for a proxy measure of the receipt
 * readers on shops outside Malaysia (devdata's receipts are all SROIE): deterministic from a seed,
 * printed to HTML here and photographed by chromium (`rendered-receipt-image.ts`). The gold is what
 * was generated, in devdata's forms: the name line as printed, the address's printed lines joined
 * by single spaces, the date as ISO, the total paid (tip included) as a number.
 */
export interface ReceiptGold {
  merchant_name: string;
  merchant_address: string;
  date: string;
  total_amount: number;
}

export interface RenderedReceipt {
  seed: number;
  country: Country;
  html: string;
  /** CSS width of the paper roll, px (printed at `scale` device pixels per px). */
  width: number;
  scale: number;
  /** Photo/scan degradation: rotation in degrees, blur sigma, JPEG quality (0: PNG). */
  rotate: number;
  blur: number;
  jpeg: number;
  gold: ReceiptGold;
}

/** mulberry32 over a mixed seed: neighbouring seeds start far apart. */
function random(seed: number): () => number {
  let a = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A row of the receipt: free text, or a label with an amount on the right. */
type Row = { text: string; amount?: string; strong?: boolean; big?: boolean; center?: boolean };

export function renderedReceipt(seed: number): RenderedReceipt {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const chance = (p: number) => r() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const country = COUNTRIES[seed % COUNTRIES.length] as Country;
  const s = STYLES[country];
  // `#` is a digit; `@` a printed '#' (Singapore's unit numbers, "#02-12").
  const fill = (t: string) => t.replace(/#/g, () => String(int(1, 9))).replace(/@/g, '#');

  const num = new Intl.NumberFormat(s.locale, { minimumFractionDigits: s.decimals, maximumFractionDigits: s.decimals, useGrouping: true });
  const moneyStyle = pick(s.money);
  const money = (n: number) => moneyStyle(num.format(n).replace(/\u202f/g, ' '));
  const unit = s.decimals ? 0.01 : 1;
  const price = () => (s.decimals ? int(45, 2400) / 100 : int(1, 30) * 10 * (chance(0.5) ? 10 : 1));
  const round = (n: number) => Math.round(n / unit) * unit;

  // Header: the name, maybe a branch, the address, contact and tax lines.
  const name = pick(s.shops);
  const street = fill(pick(s.streets));
  const town = pick(s.towns);
  const addressLines = [street, town];
  const header: Row[] = [{ text: name, strong: chance(0.6), big: chance(0.5), center: true }];
  if (chance(0.3)) header.push({ text: pick(s.branches), center: true });
  for (const l of addressLines) header.push({ text: l, center: true });
  const ids = [...s.ids].sort(() => r() - 0.5).slice(0, int(1, 2));
  for (const id of ids) header.push({ text: fill(id), center: true });

  // The date and time as the country prints them.
  const when = new Date(Date.UTC(int(2023, 2025), int(0, 11), int(1, 28)));
  const [y, m, d] = [when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate()];
  const padded = chance(0.8);
  const p = (n: number) => (padded ? pad2(n) : String(n));
  const hhmm = `${pad2(int(7, 21))}:${pad2(int(0, 59))}`;
  const dateText = pick(s.dates).replace(/HH:MM|mon|yy|y|d|m/g, (t) =>
    t === 'HH:MM' ? hhmm : t === 'mon' ? (MONTH_NAMES[MONTH_LANG[country]] as string[])[m - 1] as string : t === 'yy' ? pad2(y % 100) : t === 'y' ? String(y) : t === 'd' ? p(d) : p(m),
  );
  const dateRow: Row = { text: `${/^\p{L}{2,} /u.test(dateText) ? '' : pick(s.dateLabel)}${dateText}${chance(0.3) ? `   #${int(1000, 99999)}` : ''}` };

  // Items, then the totals in the country's wording.
  const items: Row[] = [];
  let sum = 0;
  for (let i = int(2, 7); i > 0; i--) {
    const each = price();
    const qty = chance(0.2) ? int(2, 4) : 1;
    const line = round(each * qty);
    sum = round(sum + line);
    if (qty > 1 && chance(0.5)) {
      items.push({ text: pick(s.items) });
      items.push({ text: `  ${qty} x ${money(each)}`, amount: money(line) });
    } else items.push({ text: `${qty > 1 ? `${qty} ` : ''}${pick(s.items)}`, amount: `${money(line)}${country === 'de' && chance(0.5) ? ' A' : ''}` });
  }
  const rate = pick(s.rates);
  const taxWord = (rate === 10 && country === 'au') ? pick(s.tax).replace('%', '') : pick(s.tax).replace('%', `${String(rate).replace('.', s.locale.startsWith('en') ? '.' : ',')}%`);
  const totals: Row[] = [];
  let total: number;
  if (s.taxAdded) {
    const tax = round((sum * rate) / 100);
    totals.push({ text: pick(s.subtotal), amount: money(sum) }, { text: taxWord, amount: money(tax) });
    total = round(sum + tax);
  } else {
    if (chance(0.3)) totals.push({ text: pick(s.subtotal), amount: money(sum) });
    total = sum;
  }
  if (s.tip.length && chance(0.2)) {
    const tip = round(s.decimals ? int(100, 900) / 100 : 100);
    if (!totals.length) totals.push({ text: pick(s.subtotal), amount: money(total) });
    totals.push({ text: pick(s.tip), amount: money(tip) });
    total = round(total + tip);
  }
  totals.push({ text: pick(s.total), amount: money(total), strong: chance(0.6), big: chance(0.3) });
  if (!s.taxAdded) {
    const tax = round(total - total / (1 + rate / 100));
    totals.push({ text: taxWord, amount: money(tax) });
  }
  if (chance(0.45)) {
    const given = s.decimals ? Math.ceil(total / 10) * 10 + pick([0, 10, 20]) : Math.ceil(total / 1000) * 1000;
    totals.push({ text: pick(s.cash), amount: money(given) }, { text: pick(s.change), amount: money(round(given - total)) });
  } else {
    const card = pick(s.card);
    totals.push({ text: `${card}${/[*x]$/.test(card) ? String(int(1000, 9999)) : ''}`, amount: money(total) });
  }

  const dateOnTop = chance(0.35);
  const rows: Row[] = [...header, ...(dateOnTop ? [{ text: '' }, dateRow] : []), { text: '-' }, ...items, { text: '-' }, ...totals, { text: '' }, ...(dateOnTop ? [] : [dateRow]), { text: pick(s.thanks), center: true }];
  const mono = chance(0.55);
  const width = pick([280, 300, 320, 360]);
  const html = receiptHtml(rows, { mono, width, fontSize: mono ? pick([13, 14, 15]) : pick([13, 14, 15, 16]), centerHeader: chance(0.8) });
  return {
    seed,
    country,
    html,
    width,
    scale: pick([2, 2.5, 3]),
    rotate: chance(0.5) ? (r() - 0.5) * 4 : 0,
    blur: chance(0.5) ? 0.3 + r() * 0.5 : 0,
    jpeg: chance(0.5) ? int(55, 85) : 0,
    gold: { merchant_name: name, merchant_address: addressLines.join(' '), date: `${y}-${pad2(m)}-${pad2(d)}`, total_amount: total },
  };
}

function receiptHtml(rows: Row[], o: { mono: boolean; width: number; fontSize: number; centerHeader: boolean }): string {
  const font = o.mono ? "'DejaVu Sans Mono', 'Liberation Mono', monospace" : "'DejaVu Sans', 'Liberation Sans', sans-serif";
  const body = rows
    .map((row) => {
      if (row.text === '-') return '<div class="rule"></div>';
      const cls = [row.strong ? 'strong' : '', row.big ? 'big' : '', row.center && o.centerHeader ? 'center' : ''].join(' ').trim();
      if (row.amount === undefined) return `<div class="row ${cls}">${esc(row.text) || '&nbsp;'}</div>`;
      return `<div class="row split ${cls}"><span>${esc(row.text)}</span><span>${esc(row.amount)}</span></div>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #fff; }
.paper { width: ${o.width}px; padding: 18px 14px; font-family: ${font}; font-size: ${o.fontSize}px; line-height: 1.3; color: #222; box-sizing: border-box; }
.row { white-space: pre; overflow: hidden; }
.split { display: flex; justify-content: space-between; gap: 8px; }
.center { text-align: center; }
.strong { font-weight: bold; }
.big { font-size: 1.5em; }
.rule { border-top: 1px dashed #444; margin: 6px 0; }
</style></head><body><div class="paper">
${body}
</div></body></html>`;
}
