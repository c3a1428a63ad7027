import { describe, expect, it } from 'vitest';
import { chunkPages, splitChunk } from './chunk-pages.js';
import { parseRetryAfter } from '../../llm/post-json.js';

const page = (n: number, chars: number) => ({ page: n, markdown: `<!-- page ${n} -->\n${'x'.repeat(chars)}` });

describe('chunking pages', () => {
  it('groups whole pages up to the size, in order', () => {
    const chunks = chunkPages([page(1, 300), page(2, 300), page(3, 300), page(4, 900)], 1000);
    expect(chunks.map((c) => c.pages)).toEqual([[1, 2, 3], [4]]);
    expect(chunks[0].markdown.indexOf('<!-- page 2 -->')).toBeGreaterThan(chunks[0].markdown.indexOf('<!-- page 1 -->'));
  });

  it('cuts a page larger than the size at line ends, each part marked', () => {
    const big = { page: 7, markdown: ['<!-- page 7 -->', ...Array.from({ length: 50 }, (_, i) => `line ${i} ${'y'.repeat(30)}`)].join('\n') };
    const chunks = chunkPages([big], 500);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.markdown.length <= 500 && c.pages[0] === 7)).toBe(true);
    expect(chunks[1].markdown.startsWith('<!-- page 7 (continued) -->')).toBe(true);
    expect(chunks.map((c) => c.markdown).join('\n')).toContain('line 49');
  });

  it('halves a chunk by pages, not a single page', () => {
    const md = new Map([1, 2, 3].map((n) => [n, `p${n}`]));
    expect(splitChunk({ pages: [1, 2, 3], markdown: '' }, md)?.map((c) => c.pages)).toEqual([[1, 2], [3]]);
    expect(splitChunk({ pages: [4], markdown: '' }, md)).toBeNull();
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter('Wed, 02 Dec 2026 05:00:10 GMT', Date.parse('Wed, 02 Dec 2026 05:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});
