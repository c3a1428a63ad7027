import { describe, expect, it } from 'vitest';
import { joinAddressRows, repairGlyphs } from './receipt-address.js';

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
