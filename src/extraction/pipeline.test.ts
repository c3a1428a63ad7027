import { describe, expect, it } from 'vitest';
import { readDocument } from '../../test/fixtures/documents.js';
import { countPages, runPipeline } from './pipeline.js';

describe('runPipeline', () => {
  it('reads a text PDF into markdown with a page marker', async () => {
    const bytes = readDocument('data/extractthinker/invoice.pdf');
    expect(await countPages(bytes, 'application/pdf')).toBe(1);
    const result = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'invoice.pdf' });
    expect(result.pages).toBe(1);
    expect(result.text.startsWith('<!-- page 1 -->')).toBe(true);
    expect(result.text).toContain('INVOICE: 00012');
    expect(result.text).toContain('Consultation services');
  });

  it('counts and honours page ranges on a multi-page PDF', async () => {
    const bytes = readDocument('data/transtractor/test1.pdf');
    expect(await countPages(bytes, 'application/pdf')).toBe(3);
    const result = await runPipeline({ bytes, mediaType: 'application/pdf', filename: 'test1.pdf', pageRanges: '2' });
    expect(result.pages).toBe(3);
    expect(result.text).toContain('<!-- page 2 -->');
    expect(result.text).not.toContain('<!-- page 1 -->');
  });

  it('reads plain text', async () => {
    const bytes = Buffer.from('Invoice no. 7\nTotal: 12.50 EUR\n');
    const result = await runPipeline({ bytes, mediaType: 'text/plain', filename: 'a.txt' });
    expect(result.pages).toBe(1);
    expect(result.text).toContain('Total: 12.50 EUR');
  });

  it('fails corrupt, truncated and empty files with a processing error, not a crash', async () => {
    const pdf = readDocument('data/extractthinker/invoice.pdf');
    const cases: [Buffer, string][] = [
      [pdf.subarray(0, 3000), 'application/pdf'],
      [Buffer.from('not a pdf'), 'application/pdf'],
      [Buffer.alloc(0), 'application/pdf'],
      [Buffer.from('not a jpeg'), 'image/jpeg'],
      [Buffer.from('PK\u0003\u0004broken'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ];
    for (const [bytes, mediaType] of cases) {
      await expect(runPipeline({ bytes, mediaType, filename: 'x' })).rejects.toMatchObject({ code: 'PROCESSING_ERROR' });
    }
    await expect(countPages(Buffer.from('x'), 'application/zip')).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });

  it('refuses documents over the page limit with a reason', async () => {
    const bytes = readDocument('data/transtractor/test1.pdf');
    await expect(runPipeline({ bytes, mediaType: 'application/pdf', filename: 't.pdf', maxPages: 2 })).rejects.toMatchObject({
      code: 'PROCESSING_ERROR',
      details: { reason: 'TOO_MANY_PAGES' },
    });
  });
});
