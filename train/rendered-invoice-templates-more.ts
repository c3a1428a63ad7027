import { esc, htmlPage, itemsTable, metaTable, partyBlock, SANS, SERIF, totalsTable } from './rendered-invoice-html.js';
import type { InvoiceContent } from './rendered-invoices.js';

type Template = (c: InvoiceContent) => string;

const BASE_CSS = `
.items { width: 100%; margin-top: 18px; }
.items th { font-size: 8.5pt; padding: 6px 8px; border-bottom: 1px solid #999; }
.items td { padding: 5px 8px; }
.items .l { text-align: left; }
.totals td { padding: 4px 10px; }
.totals .strong td { font-weight: bold; font-size: 11pt; }
.pname { font-weight: bold; }
.plabel { font-weight: bold; margin-bottom: 4px; }
.meta td { padding: 2px 8px 2px 0; }
`;

/** Minimal: title and facts, bill-to, totals as a right-hand list; the vendor only in the small grey footer. */
const footer: Template = (c) => htmlPage({
  font: c.pick(SANS),
  css: `${BASE_CSS} .wrap { padding: 50px 60px; position: relative; min-height: 1040px; } .title { font-size: 30pt; font-weight: 300; color: #444; }
  .row { display: flex; justify-content: space-between; margin-top: 26px; } .totals { margin-left: auto; width: 40%; margin-top: 16px; }
  .foot { position: absolute; bottom: 10px; left: 60px; right: 60px; text-align: center; font-size: 7.5pt; color: #888; border-top: 1px solid #ccc; padding-top: 6px; }`,
  body: `<div class="wrap"><div class="title">${esc(c.title)}</div><div class="row">${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}${metaTable(c.meta)}</div>
  ${itemsTable(c)}${totalsTable(c.totals)}<p style="margin-top:30px">${esc(c.terms)}</p>
  <div class="foot">${esc(c.vendor.name)} · ${esc(c.vendor.lines.join(' · '))} · ${esc(c.vendor.contact.join(' · '))}</div></div>`,
});

/** A dark header band with the vendor's name in white and the title, FROM / BILL TO cards side by side, a shaded totals box. */
const band: Template = (c) => htmlPage({
  font: c.pick(SANS),
  css: `${BASE_CSS} .band { background: #1f2d3d; color: #fff; padding: 28px 48px; display: flex; justify-content: space-between; align-items: center; }
  .brand { font-size: 22pt; font-weight: bold; letter-spacing: .03em; } .btitle { font-size: 13pt; text-transform: uppercase; letter-spacing: .2em; }
  .wrap { padding: 24px 48px; } .cards { display: flex; gap: 24px; } .card { flex: 1; background: #f3f5f7; padding: 12px 14px; border-radius: 4px; }
  .items tbody tr:nth-child(even) { background: #f7f7f7; } .sum { margin-left: auto; width: 46%; background: #eef2f6; margin-top: 12px; padding: 6px; }
  .sum .totals { width: 100%; } .sum .strong td { color: #1f2d3d; border-top: 1px solid #1f2d3d; }`,
  body: `<div class="band"><div class="brand">${esc(c.vendor.name)}</div><div class="btitle">${esc(c.title)}</div></div><div class="wrap">
  <div class="cards"><div class="card">${partyBlock(c.pick(c.vocab.from), { name: c.vendor.name, lines: [...c.vendor.lines, ...c.vendor.contact] })}</div>
  <div class="card">${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}</div><div class="card">${metaTable(c.meta, { colon: true })}</div></div>
  ${itemsTable(c)}<div class="sum">${totalsTable(c.totals)}</div><p style="margin-top:26px">${esc(c.thanks)}</p></div>`,
});

/** Notes and terms in a box at the left of the totals, labels right-aligned against amounts in their own column; facts in a strip under the header. */
const split: Template = (c) => htmlPage({
  font: c.pick([...SANS, ...SERIF]),
  css: `${BASE_CSS} .wrap { padding: 46px 56px; } .head { display: flex; justify-content: space-between; border-bottom: 3px solid #0a7; padding-bottom: 10px; }
  .vn { font-size: 13pt; font-weight: bold; } .title { font-size: 20pt; color: #0a7; } .strip { display: flex; gap: 40px; background: #f4f4f4; padding: 8px 10px; margin-top: 14px; }
  .strip div span { display: block; font-size: 8pt; color: #666; } .parties { display: flex; gap: 50px; margin-top: 18px; }
  .bottom { display: flex; gap: 30px; margin-top: 16px; } .notes { flex: 1; border: 1px solid #ddd; padding: 10px; font-size: 9pt; } .bottom .totals { width: 48%; }`,
  body: `<div class="wrap"><div class="head"><div><div class="vn">${esc(c.vendor.name)}</div>${esc(c.vendor.lines.join(', '))}</div><div class="title">${esc(c.title)}</div></div>
  <div class="strip">${c.meta.map(([k, v]) => `<div><span>${esc(k)}</span>${esc(v)}</div>`).join('')}</div>
  <div class="parties">${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}${c.shipTo ? partyBlock(c.pick(c.vocab.shipTo), c.shipTo) : ''}</div>
  ${itemsTable(c)}<div class="bottom"><div class="notes">${esc(c.terms)}<br><br>${esc(c.thanks)}</div>${totalsTable(c.totals, { labelAlign: 'right' })}</div></div>`,
});

/** European business form: sender and recipient side by side in boxes, facts as a row of framed cells, the totals at the right under a VAT breakdown line. */
const boxed: Template = (c) => {
  const cells = c.meta.map(([k, v]) => `<td><div class="k">${esc(k)}</div><div>${esc(v)}</div></td>`).join('');
  return htmlPage({
    font: c.pick(SANS),
    size: 9.5,
    css: `${BASE_CSS} .wrap { padding: 36px 44px; } .title { font-size: 18pt; font-weight: bold; text-align: center; margin-bottom: 14px; }
    .boxes { display: flex; gap: 16px; } .box { flex: 1; border: 1px solid #555; padding: 10px; min-height: 96px; } .facts { width: 100%; margin-top: 12px; }
    .facts td { border: 1px solid #555; padding: 4px 8px; } .k { font-size: 7.5pt; color: #555; } .items th, .items td { border: 1px solid #555; }
    .totals { margin-left: auto; width: 42%; margin-top: 12px; border: 1px solid #555; } .totals td { border-bottom: 1px solid #ccc; }`,
    body: `<div class="wrap"><div class="title">${esc(c.title)}</div><div class="boxes"><div class="box">${partyBlock(c.pick(c.vocab.from), { name: c.vendor.name, lines: [...c.vendor.lines, c.vendor.contact[1]] })}</div>
    <div class="box">${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}</div>${c.shipTo ? `<div class="box">${partyBlock(c.pick(c.vocab.shipTo), c.shipTo)}</div>` : ''}</div>
    <table class="facts"><tr>${cells}</tr></table>${itemsTable(c)}${totalsTable(c.totals)}<p style="margin-top:22px">${esc(c.terms)}</p><p>${esc(c.thanks)}</p></div>`,
  });
};

export const MORE_TEMPLATES: Record<string, Template> = { footer, band, split, boxed };
