import { describe, expect, it } from 'vitest';
import { repairPostcodeGlyphs } from './postcode-glyphs.js';

describe('repairPostcodeGlyphs', () => {
  it('reads a postcode of another country by its shape', () => {
    expect(repairPostcodeGlyphs('Bristol BSI 5TR')).toBe('Bristol BS1 5TR');
    expect(repairPostcodeGlyphs('Edinburgh EHI IYZ')).toBe('Edinburgh EH1 1YZ');
    expect(repairPostcodeGlyphs('Edinburgh EHl IYZ')).toBe('Edinburgh EH1 1YZ');
    expect(repairPostcodeGlyphs('Edinburgh EHI IYZ, United Kingdom')).toBe('Edinburgh EH1 1YZ, United Kingdom');
    expect(repairPostcodeGlyphs('York Y01 7HH')).toBe('York YO1 7HH');
    expect(repairPostcodeGlyphs('Ottawa, 0N KIP 5G8')).toBe('Ottawa, ON K1P 5G8');
    expect(repairPostcodeGlyphs('Portland, 0R 97205')).toBe('Portland, OR 97205');
    expect(repairPostcodeGlyphs('7 Point West Way Denver, c0 80202')).toBe('7 Point West Way Denver, CO 80202');
    // Not a state: two small letters that name none, and a word before a number.
    expect(repairPostcodeGlyphs('Suite 4, xy 80202')).toBe('Suite 4, xy 80202');
    expect(repairPostcodeGlyphs('301l AD Rotterdam')).toBe('3011 AD Rotterdam');
  });

  it('leaves codes that read right, and other tokens, as they are', () => {
    for (const t of ['London W8 7RL', 'Leeds LS1 4AP', 'Toronto, ON M5H 1J9', 'Sacramento, CA 95815', '1012 PH Amsterdam', 'LOT 1851-A, JALAN KPB 6', 'NO 3, JALAN SS 2/24', '47400 PETALING JAYA', 'SELANGOR D.E. 0R 12345', 'B0X 12 2023'])
      expect(repairPostcodeGlyphs(t), t).toBe(t);
  });
});
