import { crc32, deflateRawSync } from 'node:zlib';
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
