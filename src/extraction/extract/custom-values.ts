import { type DateOrder, findDates } from '../normalize/dates.js';
import { findEmails, findPhones, findVatIds } from '../normalize/identifiers.js';
import type { ValueKind } from './concepts.js';
import { amountParser, ibanParser, identifierParser } from './value-parsers.js';

/**
 * Reads a value of a concept's kind from the text a label points at. `keyed` is true when the text
 * is the value slot of a key ("Label: value", a cell under a header): then the whole slot up to a
 * separator is the value ("SALES REF 2547"); in running text only a value-shaped token is.
 */
export interface ReadValue {
  value: unknown;
  /** Offsets of the value within the text given. */
  start: number;
  end: number;
  /** 0–1: how well the text fits the kind. */
  fit: number;
}

export interface ReadOptions {
  dateOrder: DateOrder;
  keyed: boolean;
  /** Which end of a period is wanted. */
  part?: 'start' | 'end' | null;
  /** Only a value of the kind's own shape (a VAT id that looks like one), no looser reading. */
  shapeOnly?: boolean;
}

/** Separators between key-value pairs on one line ("SIRET : 123 - DUNS : 456", "M. CONTACT, 01 02…"). */
const SEPARATOR = /\s[-–|•·]\s|;|\s{3,}|\s\(/;

function slot(text: string, extra?: RegExp): { value: string; start: number } | null {
  const lead = /^[\s:#=.)\]–-]*/.exec(text)?.[0].length ?? 0;
  let body = text.slice(lead);
  const cut = SEPARATOR.exec(body);
  if (cut) body = body.slice(0, cut.index);
  // The next key on the line ends the value ("12345 Datum: 01.01.2024").
  const nextKey = /\s(?=\p{L}[\p{L}.\-]*(?:\s[\p{L}.\-]+){0,3}\s?:(?:\s|$))/u.exec(body);
  if (nextKey) body = body.slice(0, nextKey.index);
  if (extra) {
    const c = extra.exec(body);
    if (c) body = body.slice(0, c.index);
  }
  body = body.trim().replace(/[,:]$/, '').trim();
  return body ? { value: body, start: lead } : null;
}

const hasDigit = (s: string) => /\d/.test(s);
const BIC = /(?<![A-Za-z0-9])[A-Z]{4}(?:AT|BE|BG|CH|CY|CZ|DE|DK|EE|ES|FI|FR|GB|GR|HR|HU|IE|IS|IT|LI|LT|LU|LV|MC|MT|NL|NO|PL|PT|RO|SE|SI|SK|SM|US|CA|AU|JP|CN|SG|MY|IN|HK)[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Za-z0-9])/;

export function readValue(text: string, kind: ValueKind, opts: ReadOptions): ReadValue | null {
  switch (kind) {
    case 'id': {
      if (opts.keyed) {
        const s = slot(text, /,\s/);
        if (s && s.value.length <= 40 && s.value.split(/\s+/).length <= 4 && (hasDigit(s.value) || /^[A-Z0-9][A-Z0-9_./-]{3,}$/.test(s.value))) {
          return { value: s.value, start: s.start, end: s.start + s.value.length, fit: hasDigit(s.value) ? 1 : 0.7 };
        }
      }
      const p = identifierParser()(text);
      return p ? { ...p, fit: p.fit * 0.8 } : null;
    }
    case 'tax_id': {
      // Not the first digits of an IBAN ("ES87 7276 0958 …").
      const iban = ibanParser()(text);
      const v = findVatIds(text).find((x) => !iban || x.index < iban.start || x.index >= iban.end);
      if (v) return { value: v.text, start: v.index, end: v.index + v.text.length, fit: v.index <= 4 ? 1 : 0.85 };
      const s = opts.keyed && !opts.shapeOnly ? slot(text, /,\s/) : null;
      if (s && /\d{5}/.test(s.value.replace(/[\s./-]/g, '')) && s.value.length <= 24) return { value: s.value, start: s.start, end: s.start + s.value.length, fit: 0.6 };
      return null;
    }
    case 'date': {
      const d = findDates(text, opts.dateOrder)[0];
      return d ? { value: d.iso, start: d.index, end: d.index + d.text.length, fit: (d.index <= 3 ? 1 : 0.8) * (d.unambiguous ? 1 : 0.9) } : null;
    }
    case 'period': {
      const ds = findDates(text, opts.dateOrder);
      const d = opts.part === 'end' ? ds[1] : ds[0];
      if (!d) return null;
      return { value: d.iso, start: d.index, end: d.index + d.text.length, fit: ds.length >= 2 ? 1 : 0.8 };
    }
    case 'text':
    case 'name': {
      // A name under a heading may carry its own key ("Bénéficiaire" / "NOM : PAYEE NAME").
      const keyed = kind === 'name' ? /^\s*[\p{L}.]{2,12}\s*:\s*(?=\S)/u.exec(text) : null;
      const s0 = slot(keyed ? text.slice(keyed[0].length) : text, kind === 'name' ? /,\s/ : undefined);
      const s = s0 && keyed ? { ...s0, start: s0.start + keyed[0].length } : s0;
      if (!s || s.value.length > (kind === 'name' ? 60 : 80) || !/\p{L}.*\p{L}|\d/u.test(s.value)) return null;
      if (kind === 'name' && (/@|www\./.test(s.value) || (s.value.match(/\d/g) ?? []).length > 3)) return null;
      return { value: s.value, start: s.start, end: s.start + s.value.length, fit: opts.keyed ? 0.9 : 0.6 };
    }
    case 'paragraph': {
      const s = slot(text.replace(/\s+/g, ' '), /(?!)/);
      return s && s.value.length <= 600 && /\p{L}{2}/u.test(s.value) ? { value: s.value, start: s.start, end: s.start + s.value.length, fit: 0.8 } : null;
    }
    case 'amount': {
      const a = amountParser()(text);
      return a ? { ...a, value: Math.abs(a.value as number) } : null;
    }
    case 'rate': {
      const m = /(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s*%/.exec(text) ?? (opts.keyed ? /^\s*(\d{1,2}(?:[.,]\d{1,3})?)\s*$/.exec(text) : null);
      return m ? { value: Number(m[1].replace(',', '.')), start: m.index, end: m.index + m[0].length, fit: m[0].includes('%') ? 1 : 0.8 } : null;
    }
    case 'email': {
      const e = findEmails(text)[0];
      return e ? { value: e, start: text.indexOf(e), end: text.indexOf(e) + e.length, fit: 1 } : null;
    }
    case 'phone': {
      const p = findPhones(text)[0];
      return p ? { value: p.value, start: p.index, end: p.index + p.value.length, fit: p.index <= 4 ? 1 : 0.8 } : null;
    }
    case 'url': {
      const m = /(?:https?:\/\/|www\.)[^\s,;]+/i.exec(text);
      return m ? { value: m[0], start: m.index, end: m.index + m[0].length, fit: 1 } : null;
    }
    case 'iban': {
      const p = ibanParser()(text);
      return p;
    }
    case 'bic': {
      const m = BIC.exec(text);
      if (m) return { value: m[0], start: m.index, end: m.index + m[0].length, fit: 1 };
      const t = opts.keyed && !opts.shapeOnly ? /^[\s:]*([A-Z0-9][A-Z0-9_]{5,14})(?![\w])/.exec(text) : null;
      return t ? { value: t[1], start: t[0].length - t[1].length, end: t[0].length, fit: 0.6 } : null;
    }
    case 'count':
      return null;
  }
}
