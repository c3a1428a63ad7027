import { describe, expect, it } from 'vitest';
import { textToPdf } from '../../../test/fixtures/text-pdf.js';
import { readDocument } from '../parse/read-document.js';
import { createContext } from './context.js';
import { findCompanyAtTop } from './parties.js';

/** The PDFs below have a text layer: nothing is read by OCR. */
const noOcr = (): never => {
  throw new Error('a text-layer page needs no OCR');
};
const contextOf = async (lines: string[]) =>
  createContext(await readDocument({ bytes: textToPdf(lines.join('\n'), { font: 'Helvetica' }), mediaType: 'application/pdf', filename: 'letterhead.pdf', ocr: noOcr }));

describe('findCompanyAtTop', () => {
  it('joins a name set on two lines up to its legal form', async () => {
    const ctx = await contextOf(['Nordlicht Versicherungs', 'Verein AG', 'Hafenstraße 4', '20457 Hamburg', '', 'Rechnung Nr. 17']);
    expect(findCompanyAtTop(ctx)?.value).toBe('Nordlicht Versicherungs Verein AG');
  });

  it('does not take the role label printed over the name as its first line', async () => {
    for (const label of ['Sender', 'Absender', 'Afzender', 'Prestataire']) {
      const ctx = await contextOf([label, 'Kessler Haustechnik GmbH', 'Hafenstraße 4', '20457 Hamburg', '', 'Rechnung Nr. 17']);
      expect(findCompanyAtTop(ctx)?.value).toBe('Kessler Haustechnik GmbH');
    }
  });
});
