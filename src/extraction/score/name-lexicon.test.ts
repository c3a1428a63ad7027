import { describe, expect, it } from 'vitest';
import { buildNameLexicon, countNameWords, genericWordCount, nameLexicon } from './name-lexicon.js';

// Six merchants' names; one brand (KEDAI MAJU) printed by two of its branches, labelled as two groups.
const names = [
  { text: 'KEDAI MAJU TRADING SDN BHD', group: 'kedai maju' },
  { text: 'KEDAI MAJU (KLANG) SDN BHD', group: 'kedai maju klang' },
  { text: 'SYARIKAT HENG HUAT TRADING', group: 'syarikat heng' },
  { text: 'TAN HARDWARE TRADING', group: 'tan hardware' },
  { text: 'LIM BROTHERS TRADING SDN BHD', group: 'lim brothers' },
  { text: 'RESTORAN SELERA SDN BHD', group: 'restoran selera' },
  { text: 'RESTORAN SELERA SDN BHD', group: 'restoran selera' },
].map((n) => ({ ...n }));

describe('generic words of merchant names', () => {
  const counts = countNameWords(names);
  const lexicon = buildNameLexicon(counts, 3);

  it('counts distinct merchant groups, not receipts, and keeps only the words of minGroups or more', () => {
    expect(lexicon.words.SDN).toBe(4);
    expect(lexicon.words.TRADING).toBe(4);
    // A brand printed by two of its branches is not a generic word.
    expect(lexicon.words.KEDAI).toBeUndefined();
    // One group's receipts count once: RESTORAN is printed twice by one merchant.
    expect(lexicon.words.RESTORAN).toBeUndefined();
    expect(lexicon.words.HARDWARE).toBeUndefined();
  });

  it("counts only the words enough groups print: a brand's own words are not generic", () => {
    expect(genericWordCount('KEDAI MAJU TRADING SDN BHD', lexicon)).toBe(3);
    expect(genericWordCount('Kedai Maju', lexicon)).toBe(0);
  });

  it("counts a training receipt's own name words one group fewer, as for an unseen merchant", () => {
    const own = new Set(['LIM', 'BROTHERS', 'TRADING', 'SDN', 'BHD']);
    // SDN, BHD and TRADING are printed by four groups: three others still print them.
    expect(genericWordCount('LIM BROTHERS TRADING SDN BHD', lexicon, own)).toBe(3);
    const atFour = buildNameLexicon(counts, 4);
    expect(genericWordCount('LIM BROTHERS TRADING SDN BHD', atFour)).toBe(3);
    expect(genericWordCount('LIM BROTHERS TRADING SDN BHD', atFour, own)).toBe(0);
  });

  it('loads the committed lexicon that npm run train writes', () => {
    const committed = nameLexicon();
    expect(committed.minGroups).toBeGreaterThanOrEqual(2);
    expect(genericWordCount('SOMETHING SDN BHD', committed)).toBe(2);
  });
});
