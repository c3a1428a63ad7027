import { describe, expect, it } from 'vitest';
import type { OcrWord } from './ocr-engine.js';
import { repairAmountToken, repairDateToken, repairInitialI, repairOcrWords } from './ocr-repair.js';

const word = (text: string, x0: number, x1: number, y0 = 100, h = 40): OcrWord => ({ text, bbox: [x0, y0, x1, y0 + h], confidence: 0.9 });

describe('OCR repair of printed amounts', () => {
  it('joins an amount split at its decimal point, on one line and about a character apart', () => {
    // Words as tesseract returned them for a real SROIE receipt ("RMB. 25", "CASH RM100. 00").
    const out = repairOcrWords([word('CASH', 100, 200), word('RM100.', 650, 770), word('00', 790, 830), word('RMB.', 900, 988), word('25', 1008, 1057)]);
    expect(out.map((w) => w.text)).toEqual(['CASH', 'RM100.00', 'RM8.25']);
    expect(out[1].bbox).toEqual([650, 100, 830, 140]);
  });

  it('leaves words apart when the gap is wide, the next word is on another line, or the join is no amount', () => {
    expect(repairOcrWords([word('12.', 0, 60), word('50', 200, 240)]).map((w) => w.text)).toEqual(['12.', '50']);
    expect(repairOcrWords([word('12.', 0, 60), word('50', 70, 110, 300)]).map((w) => w.text)).toEqual(['12.', '50']);
    expect(repairOcrWords([word('No.', 0, 60), word('12', 70, 110)]).map((w) => w.text)).toEqual(['No.', '12']);
  });

  it('reads one letter inside an amount as the digit it resembles, and nothing else', () => {
    expect(repairAmountToken('1O.50')).toBe('10.50');
    expect(repairAmountToken('RMS6.20')).toBe('RM56.20');
    expect(repairAmountToken('12.5OSR')).toBe('12.5OSR');
    expect(repairAmountToken('RMSU.75')).toBe('RMSU.75');
    expect(repairAmountToken('SO.00')).toBe('SO.00');
    expect(repairAmountToken('B.25')).toBe('B.25');
    expect(repairAmountToken('TOTAL')).toBe('TOTAL');
  });
});

describe('OCR repair of printed dates', () => {
  it('puts back a separator lost between month and year, when day and month are valid', () => {
    expect(repairDateToken('27/0618')).toBe('27/06/18');
    expect(repairDateToken('03.022018')).toBe('03.02.2018');
    expect(repairDateToken('27/1318')).toBe('27/1318'); // month 13
    expect(repairDateToken('10-1234')).toBe('10-1234'); // a reference number, not a date
  });

  it('reads a month whose first digit came out as 6, 8 or 9 as 0x, and leaves an impossible day alone', () => {
    expect(repairDateToken('30/63/2018')).toBe('30/03/2018');
    expect(repairDateToken('05-87-17')).toBe('05-07-17');
    expect(repairDateToken('39/93/2018')).toBe('39/93/2018');
    expect(repairDateToken('30/63-2018')).toBe('30/63-2018'); // mixed separators
    expect(repairDateToken('30/03/2018')).toBe('30/03/2018');
    expect(repairDateToken('30/60/2018')).toBe('30/60/2018'); // month 00
  });
});

describe('OCR repair of separators', () => {
  it('cuts a middle dot read without its spaces out of the word, so the line reads "name · street"', async () => {
    const { buildRows } = await import('../layout/lines.js');
    const out = repairOcrWords([word('Adler·5', 100, 240), word('place', 260, 360), word('Bellecour·Portland,', 380, 760), word('·billing', 780, 940)]);
    expect(out.map((w) => w.text)).toEqual(['Adler', '·', '5', 'place', 'Bellecour', '·', 'Portland,', '·', 'billing']);
    expect(buildRows(out)[0].lines.map((l) => l.text)).toEqual(['Adler · 5 place Bellecour · Portland, · billing']);
  });

  it("keeps Catalan's l·l and a lone dot as they are", () => {
    expect(repairOcrWords([word('Col·legi', 0, 160), word('·', 180, 190)]).map((w) => w.text)).toEqual(['Col·legi', '·']);
  });
});

describe('OCR repair of addresses and capital I', () => {
  it('joins an e-mail address OCR spaced around its "@", and leaves a lone "@" or a far word alone', () => {
    const read = (ws: OcrWord[]) => repairOcrWords(ws).map((w) => w.text);
    expect(read([word('Wien', 0, 80), word('billing', 110, 230), word('@', 245, 270), word('vanleeuwenin.example', 285, 600)])).toEqual(['Wien', 'billing@vanleeuwenin.example']);
    expect(read([word('billing', 110, 230), word('@nordlichtmed.example', 245, 600)])).toEqual(['billing@nordlichtmed.example']);
    expect(read([word('billing@', 110, 250), word('copperleafme.example', 262, 600)])).toEqual(['billing@copperleafme.example']);
    expect(read([word('Pay', 0, 60), word('@', 80, 100), word('home', 120, 200)])).toEqual(['Pay', '@', 'home']);
    // A receipt's "2 pc @ 4.90" is a price, not an address.
    expect(read([word('pc', 0, 40), word('@', 55, 75), word('269.00', 90, 200)])).toEqual(['pc', '@', '269.00']);
    expect(read([word('NOODLE', 0, 120), word('@7.00', 135, 220)])).toEqual(['NOODLE', '@7.00']);
    expect(read([word('billing', 0, 120), word('@', 500, 520), word('x.example', 540, 700)])).toEqual(['billing', '@', 'x.example']);
  });

  it('reads a word-initial l before a consonant as I, and keeps real words and units', () => {
    expect(['lnvoice', 'lntestata', 'lberia', 'lbs', 'lb', 'left', 'llama', 'Ltd', 'lboroMega'].map(repairInitialI)).toEqual(['Invoice', 'Intestata', 'Iberia', 'lbs', 'lb', 'left', 'llama', 'Ltd', 'lboroMega']);
  });

  it('joins abbreviated letters OCR spaced ("B. V." for "B.V."), not initials printed a space apart', () => {
    const read = (ws: OcrWord[]) => repairOcrWords(ws).map((w) => w.text);
    // Gaps as PP-OCRv4 gave them on a 200 dpi scan: 0.17 of the line height after "B.", 0.5 between words.
    expect(read([word('Installatietechniek', 0, 400, 100, 46), word('B.', 423, 450, 100, 46), word('V.', 458, 490, 100, 46)])).toEqual(['Installatietechniek', 'B.V.']);
    expect(read([word('S.', 0, 30), word('p.', 36, 60), word('A.', 66, 90)])).toEqual(['S.p.A.']);
    expect(read([word('J.', 0, 30), word('R.', 45, 75), word('Smith', 95, 200)])).toEqual(['J.', 'R.', 'Smith']);
  });
});

