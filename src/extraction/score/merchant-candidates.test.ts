import { describe, expect, it } from 'vitest';
import { createContext } from '../extract/context.js';
import { readDocument } from '../parse/read-document.js';
import { cutAtRegistration, merchantCandidates } from './merchant-candidates.js';
import { lettersReadAsDigits, readAsLetters } from './header-rows.js';
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

  it('end a name before a registration number in parentheses', () => {
    expect(cutAtRegistration('ANZEL ADVERTISING (M) SDN BHD (75e785-H)')).toBe('ANZEL ADVERTISING (M) SDN BHD');
    expect(cutAtRegistration('MYNEWS RETAIL SB(306295-X) FKA BISON STORES SB')).toBe('MYNEWS RETAIL SB');
    expect(cutAtRegistration('BOOK TA.K (TAMAN DAYA) SDN BHD')).toBe('BOOK TA.K (TAMAN DAYA) SDN BHD');
  });
});

describe('letters OCR read as digits', () => {
  it('are read back inside words of letters', () => {
    expect(['C0', 'CONFECTI0NERY', '8HD', '5ELANGOR', 'Ja1an', 'N0'].map(lettersReadAsDigits)).toEqual(['CO', 'CONFECTIONERY', 'BHD', 'SELANGOR', 'Jalan', 'NO']);
  });
  it('leave codes, quantities and numbers as read', () => {
    expect(['SS15', 'T0138', 'B1', '5KG', '1ST', '500ML', '12', 'A1', '860671'].map(lettersReadAsDigits)).toEqual(['SS15', 'T0138', 'B1', '5KG', '1ST', '500ML', '12', 'A1', '860671']);
  });
  it('are read back inside initials, not inside numbers', () => {
    expect(readAsLetters('MR. D.1.Y. (M) SDN 8HD')).toBe('MR. D.I.Y. (M) SDN BHD');
    expect(readAsLetters('NO.1.5, JALAN 5/8')).toBe('NO.1.5, JALAN 5/8');
  });
});
