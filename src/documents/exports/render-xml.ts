import { XMLBuilder } from 'fast-xml-parser';
import { isPlainObject } from '../review/review-values.js';
import type { ExportedDocument } from './tabulate.js';

/**
 * Characters XML 1.0 cannot carry at all, not even as references (C0 controls other than tab, line
 * feed and carriage return, lone surrogates, U+FFFE/U+FFFF): replaced by U+FFFD so the file stays
 * well-formed. The builder escapes & < > " ' in every text and attribute.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, '\uFFFD');
}

/**
 * A field name as an element name: letters, digits, `_`, `-` and `.` only, not starting with a digit,
 * `-`, `.` or "xml". A renamed field keeps its name in a `name` attribute.
 */
export function elementName(name: string): string {
  let out = name.replace(/[^\p{L}\p{N}_.-]/gu, '_');
  if (!/^[\p{L}_]/u.test(out) || /^xml/i.test(out)) out = `_${out}`;
  return out;
}

type XmlNode = Record<string, unknown>;

/** A value as builder input: objects as child elements, lists as repeated `<item>`, null as an empty element. */
function toNode(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.length ? { item: value.map(toNode) } : '';
  if (isPlainObject(value)) return fieldsNode(value);
  if (typeof value === 'string') return xmlText(value);
  return String(value);
}

function fieldsNode(data: Record<string, unknown>): XmlNode {
  const node: XmlNode = {};
  for (const [key, value] of Object.entries(data)) {
    let name = elementName(key);
    // Two fields that sanitize alike (e.g. "a b" and "a_b") must not merge into one repeated element.
    while (name in node) name = `${name}_`;
    const child = toNode(value);
    node[name] =
      name === key ? child : { '@_name': xmlText(key), ...(isPlainObject(child) ? child : child === '' ? {} : { '#text': child }) };
  }
  return node;
}

function documentNode(doc: ExportedDocument): XmlNode {
  return {
    '@_id': doc.document_id,
    filename: xmlText(doc.filename),
    status: doc.status,
    document_type: doc.document_type ?? '',
    ...(doc.error
      ? { error: { code: xmlText(doc.error.code), message: xmlText(doc.error.message), ...(doc.error.reason ? { reason: xmlText(doc.error.reason) } : {}) } }
      : {}),
    data: doc.data ? fieldsNode(doc.data) : '',
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, processEntities: true });

/** `<extraction id status><document id>…</document>…</extraction>`, or one `<document>` as the root. */
export function renderXml(extraction: { id: string; status: string } | null, docs: ExportedDocument[]): string {
  const body = extraction
    ? { extraction: { '@_id': extraction.id, '@_status': extraction.status, document: docs.map(documentNode) } }
    : { document: documentNode(docs[0]) };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(body)}`;
}
