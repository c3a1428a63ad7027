import type { InvoiceContent, Party, TotalsRow } from './rendered-invoices.js';

/** Pieces the HTML invoice templates share (`rendered-invoice-templates*.ts`). */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Proportional families chromium finds on a Debian machine with its default fonts. */
export const SANS = ['Liberation Sans', 'DejaVu Sans', 'Liberation Sans Narrow', 'DejaVu Sans Condensed'];
export const SERIF = ['Liberation Serif', 'DejaVu Serif'];

export function htmlPage(opts: { font: string; css: string; body: string; size?: number }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
* { box-sizing: border-box; }
body { font-family: '${opts.font}', sans-serif; font-size: ${opts.size ?? 10}pt; color: #222; margin: 0; }
table { border-collapse: collapse; }
.r { text-align: right; }
.muted { color: #777; }
${opts.css}
</style></head><body>${opts.body}</body></html>`;
}

/** A party block: an optional label over the name and its address lines. */
export function partyBlock(label: string | null, p: Party, opts: { attention?: string | null; cls?: string } = {}): string {
  const lines = [`<div class="pname">${esc(p.name)}</div>`];
  if (opts.attention) lines.push(`<div>${esc(opts.attention)}</div>`);
  lines.push(...p.lines.map((l) => `<div>${esc(l)}</div>`));
  return `<div class="${opts.cls ?? 'party'}">${label ? `<div class="plabel">${esc(label)}</div>` : ''}${lines.join('')}</div>`;
}

export function itemsTable(c: InvoiceContent, opts: { cls?: string; numbered?: boolean } = {}): string {
  const [d, q, u, a] = c.columns.map(esc);
  const head = `<tr>${opts.numbered ? '<th>#</th>' : ''}<th class="l">${d}</th><th class="r">${q}</th><th class="r">${u}</th><th class="r">${a}</th></tr>`;
  const rows = c.items
    .map((it, i) => `<tr>${opts.numbered ? `<td>${i + 1}</td>` : ''}<td class="l">${esc(it.desc)}</td><td class="r">${esc(it.qty)}</td><td class="r">${esc(it.unit)}</td><td class="r">${esc(it.amount)}</td></tr>`)
    .join('');
  return `<table class="${opts.cls ?? 'items'}"><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

/** The totals box: labels and amounts in two cells, amounts right-aligned; the total (and balance) bold. */
export function totalsTable(rows: TotalsRow[], opts: { cls?: string; labelAlign?: 'left' | 'right' } = {}): string {
  const body = rows
    .map((t) => {
      const strong = t.kind === 'total' || t.kind === 'balance' ? ' class="strong"' : '';
      return `<tr${strong}><td style="text-align:${opts.labelAlign ?? 'left'}">${esc(t.label)}</td><td class="r">${esc(t.amount)}</td></tr>`;
    })
    .join('');
  return `<table class="${opts.cls ?? 'totals'}">${body}</table>`;
}

/** Key facts as label/value rows. */
export function metaTable(meta: [string, string][], opts: { cls?: string; colon?: boolean } = {}): string {
  const rows = meta.map(([k, v]) => `<tr><td class="mk">${esc(k)}${opts.colon ? ':' : ''}</td><td class="mv">${esc(v)}</td></tr>`).join('');
  return `<table class="${opts.cls ?? 'meta'}">${rows}</table>`;
}

/** The printed rows of the totals box as table rows spanning the item table's first columns (Word / LaTeX style). */
export function totalsAsItemRows(rows: TotalsRow[], span: number, labelAlign: 'left' | 'right'): string {
  return rows
    .map((t) => {
      const strong = t.kind === 'total' || t.kind === 'balance' ? ' class="strong"' : '';
      return `<tr${strong}><td colspan="${span}" style="text-align:${labelAlign}">${esc(t.label)}</td><td class="r">${esc(t.amount)}</td></tr>`;
    })
    .join('');
}
