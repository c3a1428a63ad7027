import { createDeflate, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/**
 * Hostile inputs, built in memory by the tests that use them (nothing large is kept on disk). Each
 * is the small file an attacker would upload; what it expands to is the point.
 */

/** A one-page text PDF carrying `xml` as a `factur-x.xml` attachment (pdfkit compresses it). */
export async function pdfWithAttachment(xml: string, lines = ['Invoice number: INV-7', 'Total: 10.00 EUR']): Promise<Buffer> {
  return pdf((doc) => {
    doc.addPage();
    doc.font('Helvetica').fontSize(11);
    for (const line of lines) doc.text(line);
    doc.file(Buffer.from(xml, 'utf8'), { name: 'factur-x.xml', type: 'text/xml' });
  });
}

/** A PDF whose one page is `width` × `height` points (14,400 is the largest the PDF spec allows). */
export async function pdfWithPageSize(width: number, height: number, lines = ['Invoice number: INV-9 Total: 5.00 EUR']): Promise<Buffer> {
  return pdf((doc) => {
    doc.addPage({ size: [width, height], margin: 10 });
    doc.font('Helvetica').fontSize(11);
    for (const line of lines) doc.text(line);
  });
}

async function pdf(build: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  build(doc);
  doc.end();
  return done;
}

export interface ZipEntry {
  name: string;
  /** What the entry inflates to. */
  content: Buffer | { repeat: string; bytes: number };
  /** Lie about the inflated size in the headers (a bomb that hides its size). */
  declaredSize?: number;
}

function contentBytes(c: ZipEntry['content']): Buffer {
  if (Buffer.isBuffer(c)) return c;
  const unit = Buffer.from(c.repeat);
  return Buffer.alloc(c.bytes, unit);
}

/** A zip archive (deflate), its headers written as the format says, sizes as declared by the entry. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = contentBytes(e.content);
    const data = deflateRawSync(raw, { level: 9 });
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A DOCX whose body is `paragraphs`, plus any extra entries (a bomb hides in one). */
export function docx(paragraphs: string[], extra: ZipEntry[] = [], body?: ZipEntry['content'], declaredBodySize?: number): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs
    .map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`)
    .join('')}</w:body></w:document>`;
  return zip([
    { name: '[Content_Types].xml', content: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', content: Buffer.from(RELS) },
    { name: 'word/document.xml', content: body ?? Buffer.from(xml), declaredSize: declaredBodySize },
    ...extra,
  ]);
}

/**
 * `decodedBytes` of spaces deflated (zlib format, as FlateDecode is) `layers` times: a 1 GB stream is
 * about 1 MB deflated once and a few KB twice. Built by streaming one 1 MB block through zlib, so
 * the decoded size is never held.
 */
export async function flateBomb(decodedBytes: number, layers = 2): Promise<Buffer> {
  const deflate = createDeflate({ level: 1 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const block = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = decodedBytes; left > 0; left -= block.length) {
    if (!deflate.write(left >= block.length ? block : block.subarray(0, left))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  let data = Buffer.concat(out);
  for (let i = 1; i < layers; i++) data = deflateSync(data, { level: 9 });
  return data;
}

/**
 * A one-page PDF, its objects and cross-reference offsets written out, whose page content (and any
 * further `extra` unreferenced stream objects) is `content` with the given filters.
 */
export function pdfWithStream(content: Buffer, filters: string[], extra = 0): Buffer {
  const filter = `/Filter [${filters.map((f) => `/${f}`).join(' ')}]`;
  const objects: Array<Buffer | string> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
  ];
  for (let i = 0; i <= extra; i++) {
    objects.push(Buffer.concat([Buffer.from(`<< /Length ${content.length} ${filter} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')]));
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n', 'latin1')];
  let at = parts[0].length;
  const offsets = objects.map((body, i) => {
    const bytes = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(bytes);
    const offset = at;
    at += bytes.length;
    return offset;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}
