import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFromSroieBoxes } from '../../../test/fixtures/sroie-boxes.js';
import { createContext } from '../extract/context.js';
import { extractFields } from '../extract/extract-fields.js';
import { commasMisreadAsPeriods, joinAddressRows, repairGlyphs } from './receipt-address.js';

describe('repairGlyphs', () => {
  it('reads a 0 or 1 inside a word of letters as O, I or l', () => {
    expect(repairGlyphs('L0T')).toBe('LOT');
    expect(repairGlyphs('Ja1an')).toBe('Jalan');
    expect(repairGlyphs('Peta1ing')).toBe('Petaling');
    expect(repairGlyphs('K1ARA')).toBe('KIARA');
  });

  it('reads O, o, I and l inside a five-character postcode as digits', () => {
    expect(repairGlyphs('571O0')).toBe('57100');
    expect(repairGlyphs('560o0')).toBe('56000');
    // Two digits and three letters may be a word or a code: left as read.
    expect(repairGlyphs('56ooo')).toBe('56ooo');
    expect(repairGlyphs('4l300')).toBe('41300');
  });

  it('leaves numbers, codes and words with several digits as read', () => {
    for (const w of ['SS21', '1851', 'G13', 'UPTOWN3', 'B1750', 'S117', 'NO', 'A1', 'OASIS', '10T', 'ROOM']) expect(repairGlyphs(w), w).toBe(w);
  });
});

describe('commasMisreadAsPeriods', () => {
  it('keeps the period of a shortened street type of other countries', () => {
    for (const t of ['Avda. de la Constitucion 6 08007 Barcelona', 'Bahnhofstr. 5 10115 Berlin', '12 Sunset Blvd. Suite 4', 'Av. Paulista 1000']) expect(commasMisreadAsPeriods(t), t).toBe(t);
    // A period after a place name is still a comma OCR lost the tail of.
    expect(commasMisreadAsPeriods('TAMAN SRI PUTRA. 81200 JOHOR')).toBe('TAMAN SRI PUTRA, 81200 JOHOR');
  });
});

describe('joinAddressRows', () => {
  it('joins rows with single spaces and repairs an OCR reading only', () => {
    const rows = ['L0T 6, JALAN BATAI.', 'DAMANSARA HEIGHTS 5O490', 'KUALA LUMPUR TEL: 03-2093 1234'];
    expect(joinAddressRows(rows, true)).toBe('LOT 6, JALAN BATAI, DAMANSARA HEIGHTS 50490 KUALA LUMPUR');
    expect(joinAddressRows(rows, false)).toBe('L0T 6, JALAN BATAI. DAMANSARA HEIGHTS 5O490 KUALA LUMPUR');
  });

  it('mends a word OCR split in two against the header lexicon, on an OCR reading only', () => {
    expect(joinAddressRows(['53300 Kuala L umpur'], true)).toBe('53300 Kuala LUMPUR');
    expect(joinAddressRows(['53300 Kuala L umpur'], false)).toBe('53300 Kuala L umpur');
  });
});

describe('the address block under the name', () => {
  it('starts at the row under the name when OCR line boxes overlap it', () => {
    // PP-OCRv4's line boxes are padded: each row's box reaches a fifth of its height into the row
    // above. Before, the first address row ("S117, SECOND FLOOR,") was taken as beside the name and skipped.
    const lines = ['YHM PHARMACY SDN BHD', 'S117, SECOND FLOOR,', 'AEON MALL,', '1, JALAN DESA TEBRAU,', '81100 JOHOR BAHRU, JOHOR', 'TEL: 07-1234567', 'TOTAL 9.00'];
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'receipt-')), 'r.txt');
    // Rows 25 px tall every 20 px: 5 px of overlap.
    writeFileSync(file, lines.map((t, i) => `40,${10 + 20 * i},${40 + 12 * t.length},${10 + 20 * i},${40 + 12 * t.length},${35 + 20 * i},40,${35 + 20 * i},${t}`).join('\n'));
    const data = extractFields({ ctx: createContext(documentFromSroieBoxes(file)), documentType: 'receipt', useEmbeddedInvoice: false }).data;
    expect(data.merchant_name).toBe('YHM PHARMACY SDN BHD');
    expect(data.merchant_address).toBe('S117, SECOND FLOOR, AEON MALL, 1, JALAN DESA TEBRAU, 81100 JOHOR BAHRU, JOHOR');
  });
});

describe('addresses from other countries, read by OCR', () => {
  const addressOf = (lines: string[]) => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'receipt-')), 'r.txt');
    writeFileSync(file, lines.map((t, i) => `40,${10 + 30 * i},${40 + 12 * t.length},${10 + 30 * i},${40 + 12 * t.length},${35 + 30 * i},40,${35 + 30 * i},${t}`).join('\n'));
    return extractFields({ ctx: createContext(documentFromSroieBoxes(file)), documentType: 'receipt', useEmbeddedInvoice: false }).data.merchant_address;
  };

  it('keeps a postcode and a town of four letters ("69002 Lyon") under the street', () => {
    expect(addressOf(['Fromagerie Dubois', '9 quai des Chartrons', '69002 Lyon', 'Tél: 01 42 54 35 72', 'TOTAL 9,00'])).toBe('9 quai des Chartrons 69002 Lyon');
  });

  it('starts at a German street whose ß OCR read as B, and writes the ß back', () => {
    expect(addressOf(['Cafe Lindenblatt', 'HauptstraBe 2', '80331 Munchen', 'Tel. 089 954873', 'Gesamt 71,10'])).toBe('Hauptstraße 2 80331 Munchen');
  });

  it('reads a UK postcode misread by OCR by its shape', () => {
    expect(addressOf(['THE GREEN GROCER', '8 Victoria Avenue', 'Bristol BSI 5TR', 'VAT No: GB 248 6337 68', 'TOTAL 60.43'])).toBe('8 Victoria Avenue Bristol BS1 5TR');
  });
});

describe('postcodes the word repairs would misread', () => {
  it('keeps "LS1" and "K1P" as OCR read them right', () => {
    expect(joinAddressRows(['3 High Street', 'Leeds LS1 4AP'], true)).toBe('3 High Street Leeds LS1 4AP');
    expect(joinAddressRows(['150 King St W', 'Ottawa, ON K1P 5G8'], true)).toBe('150 King St W Ottawa, ON K1P 5G8');
  });
});
