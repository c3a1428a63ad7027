import { esc, htmlPage, itemsTable, metaTable, partyBlock, SANS, SERIF, totalsAsItemRows, totalsTable } from './rendered-invoice-html.js';
import type { InvoiceContent } from './rendered-invoices.js';
import { MORE_TEMPLATES } from './rendered-invoice-templates-more.js';

/**
 * HTML invoice templates after the look of accounting software and word processors: each lays out
 * the same content (`rendered-invoices.ts`) its own way, in a proportional font, with CSS tables,
 * right-aligned amount columns and a totals box. Ten templates; the template name is part of the
 * rendered-invoice measure's report (`rendered-holdout.ts`).
 */
export type Template = (c: InvoiceContent) => string;

const TABLE_CSS = `
.items { width: 100%; margin-top: 18px; }
.items th { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .04em; padding: 6px 8px; border-bottom: 1.5px solid #333; }
.items td { padding: 6px 8px; border-bottom: 1px solid #ddd; }
.items .l { text-align: left; }
.totals td { padding: 4px 8px; }
.totals .strong td { font-weight: bold; border-top: 1.5px solid #333; }
.pname { font-weight: bold; }
.plabel { font-size: 8pt; color: #888; text-transform: uppercase; letter-spacing: .06em; margin-bottom: 3px; }
.meta td { padding: 2px 6px; }
.mk { color: #666; }
`;

/** QuickBooks-like: vendor top-left, title and facts top-right, BILL TO and SHIP TO side by side, totals box bottom right. */
const ledger: Template = (c) => htmlPage({
  font: c.pick(SANS),
  css: `${TABLE_CSS} .wrap { padding: 48px 54px; } .head { display: flex; justify-content: space-between; }
  .vname { font-size: 15pt; font-weight: bold; color: #2a6f3f; } .title { font-size: 24pt; color: #2a6f3f; text-align: right; }
  .parties { display: flex; gap: 60px; margin-top: 28px; } .totals { margin-left: auto; width: 46%; margin-top: 14px; }`,
  body: `<div class="wrap"><div class="head"><div><div class="vname">${esc(c.vendor.name)}</div>${[...c.vendor.lines, ...c.vendor.contact].map((l) => `<div>${esc(l)}</div>`).join('')}</div>
  <div><div class="title">${esc(c.title)}</div>${metaTable(c.meta, { colon: false })}</div></div>
  <div class="parties">${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}${c.shipTo ? partyBlock(c.pick(c.vocab.shipTo), c.shipTo) : ''}</div>
  ${itemsTable(c)}${totalsTable(c.totals)}<p style="margin-top:30px">${esc(c.thanks)}</p></div>`,
});

/** Xero-like: big title, the customer unlabelled under it, facts in a middle column, vendor at the far right, due date in the footer, a payment advice slip. */
const xero: Template = (c) => {
  const due = c.meta.length > 2 ? c.meta[2] : null;
  const facts = c.meta.slice(0, 2).map(([k, v]) => `<div class="fk">${esc(k)}</div><div>${esc(v)}</div>`).join('');
  return htmlPage({
    font: c.pick(SANS),
    css: `${TABLE_CSS} .wrap { padding: 40px 50px; } .title { font-size: 22pt; font-weight: bold; letter-spacing: .02em; }
    .top { display: grid; grid-template-columns: 1.3fr 1fr 1.3fr; gap: 20px; margin-top: 16px; } .fk { font-weight: bold; margin-top: 6px; }
    .totals { margin-left: auto; width: 45%; margin-top: 8px; } .advice { border-top: 1px dashed #999; margin-top: 60px; padding-top: 12px; display: grid; grid-template-columns: 1fr 1fr; }`,
    body: `<div class="wrap"><div class="title">${esc(c.title)}</div><div class="top">${partyBlock(null, c.customer, { attention: c.attention })}<div>${facts}</div>
    <div>${partyBlock(null, c.vendor)}</div></div>${itemsTable(c)}${totalsTable(c.totals, { labelAlign: 'right' })}
    ${due ? `<p style="margin-top:24px"><b>${esc(due[0])}: ${esc(due[1])}</b></p>` : ''}<p>${esc(c.terms)}</p>
    <div class="advice"><div><b>PAYMENT ADVICE</b><br>${esc(c.vendor.name)}<br>${esc(c.vendor.lines.join(', '))}</div>
    <div>${metaTable([[c.vocab.billTo[0], c.customer.name], [c.meta[0][0], c.number], [c.vocab.balance[0], c.amountDue]])}</div></div></div>`,
  });
};

/** Stripe-like: "Invoice" top-left, vendor as a logo-like name top-right, facts list, three address columns, "<amount> due <date>" headline. */
const stripe: Template = (c) => htmlPage({
  font: c.pick(SANS),
  size: 9.5,
  css: `${TABLE_CSS} .wrap { padding: 44px 52px; } .head { display: flex; justify-content: space-between; align-items: start; }
  .title { font-size: 20pt; font-weight: bold; } .logo { font-size: 17pt; font-weight: bold; color: #635bff; letter-spacing: -.02em; }
  .cols { display: flex; gap: 48px; margin-top: 22px; } .headline { font-size: 15pt; font-weight: bold; margin-top: 26px; }
  .totals { margin-left: auto; width: 50%; margin-top: 10px; } .totals td { border-top: 1px solid #e5e5e5; }`,
  body: `<div class="wrap"><div class="head"><div class="title">${esc(c.title)}</div><div class="logo">${esc(c.vendor.name)}</div></div>
  ${metaTable(c.meta)}<div class="cols">${partyBlock(null, { name: c.vendor.name, lines: [...c.vendor.lines, c.vendor.contact[0]] })}
  ${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}${c.shipTo ? partyBlock(c.pick(c.vocab.shipTo), c.shipTo) : ''}</div>
  <div class="headline">${esc(c.amountDue)}${c.due ? ` ${esc(c.meta[2][0])} ${esc(c.due)}` : ''}</div>
  ${itemsTable(c)}${totalsTable(c.totals)}<p class="muted" style="margin-top:40px">${esc(c.terms)}</p></div>`,
});

/** Zoho-like: coloured logo name, big title with "# number" and a balance-due box at the right, facts as "label :" right-aligned. */
const zoho: Template = (c) => htmlPage({
  font: c.pick(SANS),
  css: `${TABLE_CSS} .wrap { padding: 40px 48px; } .head { display: flex; justify-content: space-between; }
  .logo { font-size: 20pt; font-weight: bold; color: #d35400; } .title { font-size: 26pt; text-align: right; } .num { text-align: right; font-weight: bold; }
  .bal { text-align: right; margin-top: 10px; } .bal b { display: block; font-size: 14pt; }
  .mid { display: flex; justify-content: space-between; margin-top: 30px; } .meta .mk { text-align: right; } .meta .mv { text-align: right; }
  .items th { background: #3c3d3a; color: #fff; border: 0; } .totals { margin-left: auto; width: 44%; margin-top: 10px; }
  .totals .strong td { background: #f5f4f3; border-top: 0; }`,
  body: `<div class="wrap"><div class="head"><div><div class="logo">${esc(c.vendor.name)}</div>${c.vendor.lines.map((l) => `<div>${esc(l)}</div>`).join('')}</div>
  <div><div class="title">${esc(c.title)}</div><div class="num"># ${esc(c.number)}</div><div class="bal">${esc(c.vocab.balance[0])}<b>${esc(c.amountDue)}</b></div></div></div>
  <div class="mid">${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}${metaTable(c.meta.slice(1), { colon: true })}</div>
  ${itemsTable(c, { numbered: true })}${totalsTable(c.totals, { labelAlign: 'right' })}<p style="margin-top:28px">${esc(c.thanks)}</p><p>${esc(c.terms)}</p></div>`,
});

/** Word / DIN letter: optional letterhead, return-address line over the recipient, facts block right, totals as rows of the bordered table, vendor and bank in a footer. */
const letter: Template = (c) => {
  const letterhead = c.chance(0.5);
  const subject = `${c.title} ${c.number}`;
  return htmlPage({
    font: c.pick([...SANS, ...SERIF]),
    size: 10.5,
    css: `.wrap { padding: 36px 64px; position: relative; min-height: 1040px; } .lh { text-align: right; font-size: 16pt; font-weight: bold; letter-spacing: .05em; }
    .ret { font-size: 7pt; text-decoration: underline; margin-top: 40px; } .addr { display: flex; justify-content: space-between; }
    .subject { font-weight: bold; font-size: 12pt; margin-top: 36px; } .grid { width: 100%; margin-top: 14px; } .grid td, .grid th { border: 1px solid #444; padding: 4px 6px; }
    .grid .strong td { font-weight: bold; } .foot { position: absolute; bottom: 0; left: 64px; right: 64px; display: flex; justify-content: space-between; font-size: 7.5pt; color: #555; border-top: 1px solid #aaa; padding-top: 6px; }`,
    body: `<div class="wrap">${letterhead ? `<div class="lh">${esc(c.vendor.name)}</div>` : ''}
    <div class="ret">${esc(c.vendor.name)} · ${esc(c.vendor.lines.join(' · '))}</div>
    <div class="addr">${partyBlock(null, c.customer, { attention: c.attention })}${metaTable(c.meta, { colon: true })}</div>
    <div class="subject">${esc(subject)}</div><table class="grid"><tr><th>Pos.</th><th style="text-align:left">${esc(c.columns[0])}</th><th class="r">${esc(c.columns[1])}</th><th class="r">${esc(c.columns[2])}</th><th class="r">${esc(c.columns[3])}</th></tr>
    ${c.items.map((it, i) => `<tr><td>${i + 1}</td><td>${esc(it.desc)}</td><td class="r">${esc(it.qty)}</td><td class="r">${esc(it.unit)}</td><td class="r">${esc(it.amount)}</td></tr>`).join('')}
    ${totalsAsItemRows(c.totals, 4, c.chance(0.5) ? 'left' : 'right')}</table><p>${esc(c.terms)}</p><p>${esc(c.thanks)}</p>
    <div class="foot"><div>${esc(c.vendor.name)}<br>${c.vendor.lines.map(esc).join('<br>')}</div><div>${c.vendor.contact.map(esc).join('<br>')}</div><div>IBAN DE89 3704 0044 0532 0130 00<br>BIC COBADEFFXXX</div></div></div>`,
  });
};

/** LaTeX-like: serif, name in small caps centred over a rule, totals as rows of a booktabs table, labels in the description column far left of the amounts. */
const latex: Template = (c) => htmlPage({
  font: c.pick(SERIF),
  size: 11,
  css: `.wrap { padding: 60px 72px; } .name { text-align: center; font-variant: small-caps; font-size: 17pt; letter-spacing: .05em; }
  .sub { text-align: center; font-size: 9pt; border-bottom: .8px solid #000; padding-bottom: 8px; } .two { display: flex; justify-content: space-between; margin-top: 24px; }
  .plabel { font-style: italic; } .pname { font-weight: normal; } .bt { width: 100%; margin-top: 28px; border-top: 1.2px solid #000; border-bottom: 1.2px solid #000; }
  .bt th { border-bottom: .6px solid #000; font-weight: normal; font-style: italic; padding: 4px; } .bt td { padding: 3px 4px; } .bt .first td { border-top: .6px solid #000; }
  .bt .strong td { font-weight: bold; } .title { font-size: 14pt; font-weight: bold; margin-top: 20px; }`,
  body: `<div class="wrap"><div class="name">${esc(c.vendor.name)}</div><div class="sub">${esc([...c.vendor.lines, ...c.vendor.contact].join(' — '))}</div>
  <div class="title">${esc(c.title)}</div><div class="two">${partyBlock(c.pick(c.vocab.billTo), c.customer, { attention: c.attention })}${metaTable(c.meta, { colon: true })}</div>
  <table class="bt"><tr><th style="text-align:left">${esc(c.columns[0])}</th><th class="r">${esc(c.columns[1])}</th><th class="r">${esc(c.columns[2])}</th><th class="r">${esc(c.columns[3])}</th></tr>
  ${c.items.map((it) => `<tr><td>${esc(it.desc)}</td><td class="r">${esc(it.qty)}</td><td class="r">${esc(it.unit)}</td><td class="r">${esc(it.amount)}</td></tr>`).join('')}
  ${totalsAsItemRows(c.totals, 3, 'left').replace('<tr', '<tr class="first"')}</table><p style="margin-top:24px">${esc(c.terms)}</p></div>`,
});

export const TEMPLATES: Record<string, Template> = { ledger, xero, stripe, zoho, letter, latex, ...MORE_TEMPLATES };
export const TEMPLATE_NAMES = Object.keys(TEMPLATES);
