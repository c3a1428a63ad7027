import { describe, expect, it } from 'vitest';
import { readDocument } from '../parse/read-document.js';
import { createContext } from './context.js';

const contextOf = async (lines: string[]) =>
  createContext(await readDocument({ bytes: Buffer.from(lines.join('\n')), mediaType: 'text/plain', filename: 'doc.txt', ocr: () => { throw new Error('no OCR'); } }));

describe('the date order a document is read in', () => {
  it('is month first on a US till receipt, with or without a "$"', async () => {
    expect((await contextOf(['TRADER JOE\'S #552', '1400 Pine St', 'Portland, OR 97205', 'BANANAS 0.99', 'TOTAL 12.47', '03/04/2024 14:02'])).dateOrder).toBe('mdy');
    expect((await contextOf(['CORNER DELI', 'Raleigh NC 27601', 'TOTAL $12.47', '03/04/2024'])).dateOrder).toBe('mdy');
  });

  it('stays day first on a European invoice sent to a US address', async () => {
    const euro = ['Nordwind Elektrotechnik GmbH', 'Hauptstraße 5, 80331 München', 'Rechnung an', 'Summit Office Supplies LLC', 'Denver, CO 80202', 'Datum 03/04/2024'];
    expect((await contextOf([...euro, 'Gesamt 1.234,56'])).dateOrder).toBe('dmy');
    expect((await contextOf([...euro, 'Total EUR 1234.56'])).dateOrder).toBe('dmy');
  });
});
