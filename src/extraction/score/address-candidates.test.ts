import { describe, expect, it } from 'vitest';
import { createContext } from '../extract/context.js';
import { readDocument } from '../parse/read-document.js';
import { addressCandidates } from './address-candidates.js';

const context = async (lines: string[]) =>
  createContext(
    await readDocument({
      bytes: Buffer.from(lines.join('\n')),
      mediaType: 'text/plain',
      filename: 'receipt.txt',
      ocr: () => {
        throw new Error('no OCR for a text file');
      },
    }),
  );

// The address opens with a building's name, which the rule (a number or a street word first) skips.
const RECEIPT = [
  'KEDAI MAJU SDN BHD',
  '(123456-X)',
  'WISMA MAJU,',
  'NO 12, JALAN MAWAR 3, KAWASAN DENGKIL,',
  '47400 PETALING JAYA, SELANGOR',
  'TEL: 03-7722 1234',
  'Date: 12/03/2018',
  'Paint brush        12.00',
  'TOTAL              12.00',
];

const nameBottom = (ctx: Awaited<ReturnType<typeof context>>) => ctx.pages[0].segments[0][0].line.bbox[3];

describe('address candidates', () => {
  it('offer every run of rows under the name, the rule block marked', async () => {
    const ctx = await context(RECEIPT);
    const cands = addressCandidates(ctx, nameBottom(ctx));
    const values = cands.map((c) => c.value);
    expect(values).toContain('WISMA MAJU, NO 12, JALAN MAWAR 3, KAWASAN DENGKIL, 47400 PETALING JAYA, SELANGOR');
    const rule = cands.filter((c) => c.features.rule_same === 1);
    expect(rule.map((c) => c.value)).toEqual(['NO 12, JALAN MAWAR 3, KAWASAN DENGKIL, 47400 PETALING JAYA, SELANGOR']);
    // Nothing above the name's bottom is offered.
    expect(values.some((v) => v.includes('KEDAI'))).toBe(false);
  });

  it('describe the rows around a block: a comma closing the row above, contact and postcode rows', async () => {
    const ctx = await context(RECEIPT);
    const cands = addressCandidates(ctx, nameBottom(ctx));
    const rule = cands.find((c) => c.features.rule_same === 1)!;
    expect(rule.features.p_comma).toBe(1);
    expect(rule.features.n_end).toBe(1);
    expect(rule.features.e_postcode).toBe(1);
    expect(rule.features.rows_after_postcode).toBe(0);
    const full = cands.find((c) => c.value.startsWith('WISMA') && c.value.endsWith('SELANGOR'))!;
    expect(full.features.p_comma).toBe(0);
    expect(full.features.p_reg).toBe(1);
    expect(full.features.start_vs_rule).toBe(-1);
    expect(full.features.rule_end).toBe(1);
    // The telephone row taken too: its number is cut from the text, the row still counts as contact.
    const withPhone = cands.find((c) => c.value.startsWith('WISMA') && c.rows.length === 4)!;
    expect(withPhone.value).toBe(full.value);
    expect(withPhone.features.in_end).toBe(1);
    expect(withPhone.features.trailing_contact).toBe(1);
  });

  // KAWASAN and DENGKIL are printed by three merchant groups of the committed lexicon: two without the receipt's own.
  it("leave a train receipt's own label words out of the lexicon share", async () => {
    const ctx = await context(RECEIPT);
    const rule = (own?: Set<string>) => addressCandidates(ctx, nameBottom(ctx), { own }).find((c) => c.features.rule_same === 1)!.features.lex_share;
    const all = rule();
    expect(all).toBeGreaterThan(0);
    expect(rule(new Set(['KAWASAN', 'DENGKIL']))).toBeLessThan(all);
  });

  it('offer nothing without a name to anchor under', async () => {
    expect(addressCandidates(await context(RECEIPT), undefined)).toEqual([]);
  });
});
