import { describe, expect, it } from 'vitest';
import { createContext } from '../extract/context.js';
import { readDocument } from '../parse/read-document.js';
import { merchantCandidates } from './merchant-candidates.js';
import type { NameLexicon } from './name-lexicon.js';

const context = async (lines: string[]) =>
  createContext(
    await readDocument({
      bytes: Buffer.from(lines.join('\n')),
      mediaType: 'text/plain',
      filename: 'receipt.txt',
      // A text file is never OCRed.
      ocr: () => {
        throw new Error('no OCR for a text file');
      },
    }),
  );

const RECEIPT = [
  'WELCOME',
  'KEDAI MAJU HARDWARE',
  'SDN BHD',
  '(123456-X)',
  'NO 12, JALAN MAWAR 3',
  '47400 PETALING JAYA',
  'TEL: 03-7722 1234',
  'Date: 12/03/2018',
  'Paint brush        12.00',
  'TOTAL              12.00',
  'THANK YOU FOR SHOPPING AT KEDAI MAJU',
];
const lexicon: NameLexicon = { minGroups: 3, words: { SDN: 40, BHD: 40, HARDWARE: 3, TRADING: 6 } };

describe('merchant name candidates', () => {
  it('offer a name wrapped over two rows as a candidate of its own, with what follows it', async () => {
    const cands = merchantCandidates(await context(RECEIPT), { lexicon });
    const wrapped = cands.find((c) => c.value === 'KEDAI MAJU HARDWARE SDN BHD')!;
    expect(wrapped.features.rows).toBe(2);
    expect(wrapped.features.next_reg).toBe(1);
    expect(wrapped.features.next_address).toBe(0);
    // Its first row alone is followed by the rest of the name (a legal form), not by its number.
    const first = cands.find((c) => c.value === 'KEDAI MAJU HARDWARE')!;
    expect(first.features.next_reg).toBe(0);
    expect(first.features.next_legal).toBe(1);
    // The registration number is followed by the address.
    const reg = cands.find((c) => c.rows.length === 1 && c.rows[0].text === 'SDN BHD')!;
    expect(reg.features.next_reg).toBe(1);
  });

  it('see the name printed again below the header, and count its generic words', async () => {
    const cands = merchantCandidates(await context(RECEIPT), { lexicon });
    const wrapped = cands.find((c) => c.value === 'KEDAI MAJU HARDWARE SDN BHD')!;
    // KEDAI and MAJU are printed again in the footer; HARDWARE is not (SDN, BHD are not counted).
    expect(wrapped.features.repeat).toBeCloseTo(2 / 3);
    expect(wrapped.features.generic_words).toBe(3);
    expect(cands.find((c) => c.value === 'WELCOME')!.features.repeat).toBe(0);
    // A training receipt's own words count one group fewer: HARDWARE (3 groups) drops under 3.
    const own = new Set(['KEDAI', 'MAJU', 'HARDWARE', 'SDN', 'BHD']);
    const asUnseen = merchantCandidates(await context(RECEIPT), { lexicon, own }).find((c) => c.value === 'KEDAI MAJU HARDWARE SDN BHD')!;
    expect(asUnseen.features.generic_words).toBe(2);
  });
});
