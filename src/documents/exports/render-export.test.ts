import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition.js';
import { csvCell, renderCsv } from './render-csv.js';
import { sheetName } from './render-xlsx.js';
import { elementName, renderXml, xmlText } from './render-xml.js';
import { DOCUMENT_COLUMNS, flatTable, tabulate, type ExportedDocument } from './tabulate.js';

const doc = (data: Record<string, unknown> | null, extra: Partial<ExportedDocument> = {}): ExportedDocument => ({
  document_id: 'doc_1',
  filename: 'a.pdf',
  status: 'completed',
  document_type: 'invoice',
  error: null,
  data,
  ...extra,
});

describe('content disposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('ext_1.csv')).toBe(`attachment; filename="ext_1.csv"; filename*=UTF-8''ext_1.csv`);
    expect(attachmentDisposition('Rechnung "März" (1).xlsx')).toBe(
      `attachment; filename="Rechnung _M_rz_ (1).xlsx"; filename*=UTF-8''Rechnung%20%22M%C3%A4rz%22%20%281%29.xlsx`,
    );
    expect(attachmentDisposition('a\r\nSet-Cookie: x.csv')).not.toMatch(/[\r\n]/);
  });
});

describe('csv cells', () => {
  it('neutralizes formula starts in text only', () => {
    expect(['=1+1', '+1', '-1', '@x', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@x", "'\tx", "'\rx"]);
    expect([-1.5, 0, true, null, 'plain'].map(csvCell)).toEqual(['-1.5', '0', 'true', '', 'plain']);
    expect(renderCsv({ columns: ['a', 'b'], rows: [['x,y', 'say "hi"\nbye']] })).toBe('a,b\r\n"x,y","say ""hi""\nbye"\r\n');
  });
});

describe('tabulate', () => {
  it('turns lists of objects into rows and flattens the rest', () => {
    const t = flatTable(
      tabulate([
        doc({ n: 1, period: { from: 'a', to: 'b' }, tags: ['x', 'y'], lines: [{ d: 'one', tax: { rate: 0.2 } }, { d: 'two', sub: [{ a: 1 }] }] }),
        doc({ n: 2, lines: [] }, { document_id: 'doc_2' }),
      ]),
    );
    expect(t.columns.slice(DOCUMENT_COLUMNS.length)).toEqual(['n', 'period.from', 'period.to', 'tags', 'lines.d', 'lines.tax.rate', 'lines.sub']);
    expect(t.rows.map((r) => r.slice(DOCUMENT_COLUMNS.length))).toEqual([
      [1, 'a', 'b', 'x; y', 'one', 0.2, null],
      [1, 'a', 'b', 'x; y', 'two', null, '{"a":1}'],
      [2, null, null, null, null, null, null],
    ]);
  });
});

describe('xlsx sheet names', () => {
  it('strips forbidden characters, cuts at 31 and keeps names unique', () => {
    const taken = new Set<string>(['summary']);
    expect(sheetName('Summary', taken)).toBe('Summary (2)');
    expect(sheetName('a/b\\c?d*e:f[g]h', taken)).toBe('a b c d e f g h');
    const long = sheetName('x'.repeat(40), taken);
    expect(long).toBe('x'.repeat(31));
    expect(sheetName('x'.repeat(40), taken)).toBe(`${'x'.repeat(27)} (2)`);
    expect(sheetName("''", taken)).toBe('List');
    expect(sheetName('History', taken)).toBe('History (2)');
  });
});

describe('xml', () => {
  it('sanitizes element names and characters XML cannot carry', () => {
    expect(elementName('line_items')).toBe('line_items');
    expect(elementName('1st value')).toBe('_1st_value');
    expect(elementName('xml_data')).toBe('_xml_data');
    expect(elementName('a<b>&"c')).toBe('a_b___c');
    expect(xmlText('a\u0000b\u001Fc\td\uD800')).toBe('a\uFFFDb\uFFFDc\td\uFFFD');
  });

  it('stays well-formed whatever the field names and values', () => {
    const xml = renderXml({ id: 'ext_1', status: 'completed' }, [
      doc({ '<evil>': '</data>', 'a b': 1, a_b: 2, '': 'empty name', list: [null, 'x', { 'k k': '&' }], '#text': 't', '@_id': 'i' }),
      doc(null, { status: 'failed', error: { code: 'PROCESSING_ERROR', message: '<&>\u0002', reason: 'FILE_CORRUPT' } }),
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<reason>FILE_CORRUPT</reason>');
    expect(xml).toContain('<_evil_ name="&lt;evil&gt;">&lt;/data&gt;</_evil_>');
  });
});
