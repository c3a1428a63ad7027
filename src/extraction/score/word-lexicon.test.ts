import { describe, expect, it } from 'vitest';
import { buildLexicon, wordMender, WordMender } from './word-lexicon.js';

// Five merchants' labels: a word printed by three or more of them may correct a misread one.
const labels = [
  'LOT 1, JALAN MAWAR, KAWASAN PERINDUSTRIAN BALAKONG, 43300 SERI KEMBANGAN, SELANGOR DARUL EHSAN',
  'NO 2, JALAN MELATI, KAWASAN PERINDUSTRIAN TAMPOI, 81200 JOHOR BAHRU, JOHOR',
  '12, JALAN SS2/1, KAWASAN PERINDUSTRIAN, 47400 PETALING JAYA, SELANGOR DARUL EHSAN',
  'NO 5, JALAN KENANGA, 47400 PETALING JAYA, SELANGOR DARUL EHSAN RESTAURANT',
  'NO 9, JALAN ANGSA, 41150 KLANG, SELANGOR RESTAURANT PETALING',
].map((text, i) => ({ text, group: `m${i}` }));

describe('word lexicon of receipt headers', () => {
  const lexicon = buildLexicon(labels);
  const mender = new WordMender(lexicon);

  it('counts the merchants printing each word, keeping only words two or more print', () => {
    expect(lexicon.words.JALAN).toBe(5);
    expect(lexicon.words.SELANGOR).toBe(4);
    expect(lexicon.words.PETALING).toBe(3);
    expect(lexicon.words.BALAKONG).toBeUndefined();
  });

  it('mends a letter OCR dropped or swapped, a word split in two and two words glued', () => {
    expect(mender.mend('LOT 3, JALAN X, KAWASN PERINDUSTRLAN, 47400 PETAL ING JAYA, SELANGOR DARULEHSAN')).toBe(
      'LOT 3, JALAN X, KAWASAN PERINDUSTRIAN, 47400 PETALING JAYA, SELANGOR DARUL EHSAN',
    );
  });

  it('leaves known words, short words, plurals and words without one clear neighbour alone', () => {
    expect(mender.mend('Jalan Ampang, 50450 KL')).toBe('Jalan Ampang, 50450 KL');
    expect(mender.mend('TAMAN JAYAS')).toBe('TAMAN JAYAS');
    expect(mender.mend('RESTAURANTS')).toBe('RESTAURANTS');

    expect(mender.mend('MEXICO CITY')).toBe('MEXICO CITY');
  });

  it("leaves another language's form of a known word alone (a vowel after it), and still mends a dropped letter", () => {
    const three = new WordMender(buildLexicon(['RESTAURANT CENTRAL', 'CENTRAL RESTAURANT', 'RESTAURANT CENTRAL'].map((text, i) => ({ text, group: `r${i}` }))));
    expect(three.mend('Bar Restaurante El Puerto')).toBe('Bar Restaurante El Puerto');
    expect(three.mend('PHARMACIE CENTRALE')).toBe('PHARMACIE CENTRALE');
    expect(three.mend('RESTAURNT CENTRL')).toBe('RESTAURANT CENTRAL');
  });

  it('loads the committed lexicon that npm run train writes', () => {
    expect(wordMender().mend('KUALA LUMPUR')).toBe('KUALA LUMPUR');
  });
});
