import { describe, expect, it } from 'vitest';
import { parsePageRanges } from './page-ranges.js';

describe('parsePageRanges', () => {
  it('selects every page when no range is given', () => {
    expect(parsePageRanges(undefined, 3)).toEqual([1, 2, 3]);
  });
  it('reads lists, ranges and open ends, clipped to the document', () => {
    expect(parsePageRanges('1-3,5', 10)).toEqual([1, 2, 3, 5]);
    expect(parsePageRanges('8-', 9)).toEqual([8, 9]);
    expect(parsePageRanges('2-20', 4)).toEqual([2, 3, 4]);
  });
  it('rejects malformed and empty selections with a processing error', () => {
    expect(() => parsePageRanges('a-b', 3)).toThrow(/not a page range/);
    expect(() => parsePageRanges('5-6', 3)).toThrow(expect.objectContaining({ code: 'PROCESSING_ERROR' }));
  });
});
