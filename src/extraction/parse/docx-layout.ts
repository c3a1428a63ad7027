/**
 * Lays out mammoth's HTML of a Word document as plain text lines, so that the one layout model
 * (parse/plain-text.ts) sees its tables as tables: each table row on one line, each column as wide
 * as its widest cell, columns of numbers right-aligned (header included), as printed statements and
 * invoices set them. Paragraphs and headings become lines of their own.
 */
const decode = (s: string) =>
  s
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const NUMERIC = /^[-−+(]?\s*(?:[$£€]|[A-Z]{3})?\s*[-−+]?\d[\d.,' ]*\d?\)?\s*(?:[-+]|CR|DR|[A-Z]{3})?$/;
const GUTTER = '   ';

function tableLines(html: string): string[] {
  const rows = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map((r) => [...r[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) => decode(c[1])));
  const n = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: n }, (_, c) => Math.max(0, ...rows.map((r) => (r[c] ?? '').length)));
  // A column is numeric when most of its filled cells below the first row are numbers.
  const numeric = Array.from({ length: n }, (_, c) => {
    const cells = rows.slice(1).map((r) => r[c] ?? '').filter(Boolean);
    return cells.length > 0 && cells.filter((t) => NUMERIC.test(t)).length >= 0.6 * cells.length;
  });
  return rows.map((r) => widths.map((w, c) => (numeric[c] ? (r[c] ?? '').padStart(w) : (r[c] ?? '').padEnd(w))).join(GUTTER).trimEnd());
}

export function htmlToLines(html: string): string[] {
  const out: string[] = [];
  for (const part of html.split(/(<table[^>]*>[\s\S]*?<\/table>)/i)) {
    if (/^<table/i.test(part)) out.push(...tableLines(part));
    else for (const block of part.split(/<\/(?:p|h[1-6]|li)>/i)) {
      const text = decode(block);
      if (text) out.push(text);
    }
  }
  return out;
}
