import { afterAll, describe, expect, it } from 'vitest';
import { readDocument, readGold } from '../../../test/fixtures/documents.js';
import { closeSharedOcrEngine, countPages, runPipeline } from '../pipeline.js';

afterAll(async () => {
  await closeSharedOcrEngine();
});

// One real OCR run (tesseract.js workers, offline model from npm): slow, so only one image.
describe('OCR of a scanned receipt', () => {
  it('reads a JPEG receipt into words with boxes and extracts its date and total', async () => {
    const bytes = readDocument('data/sroie/X51005230617.jpg');
    const gold = readGold('gold/sroie/sroie-X51005230617.json');
    expect(await countPages(bytes, 'image/jpeg')).toBe(1);
    const stages: string[] = [];
    const r = await runPipeline({ bytes, mediaType: 'image/jpeg', filename: 'r.jpg', onStage: (s) => stages.push(s) });
    expect(stages).toEqual(['parsing', 'classifying', 'extracting']);
    expect(r.document_type).toBe('receipt');
    expect(r.text).toMatch(/McDonald/i);
    expect(r.data.date).toBe(gold.date);
    expect(r.data.total_amount).toBe(gold.total_amount);
    const cite = r.fields.total_amount.citations[0];
    expect(cite.page).toBe(1);
    // Boxes are in points on the page, inside it.
    expect(cite.bbox[0]).toBeGreaterThanOrEqual(0);
    expect(cite.bbox[2]).toBeGreaterThan(cite.bbox[0]);
    expect(r.fields.total_amount.confidence).toBeGreaterThan(0.5);
  });
});

describe('orientation', () => {
  it('reads a receipt scanned upside down', async () => {
    const sharp = (await import('sharp')).default;
    const upright = readDocument('data/sroie/X51005230617.jpg');
    const bytes = await sharp(upright).rotate(180).jpeg().toBuffer();
    const gold = readGold('gold/sroie/sroie-X51005230617.json');
    const r = await runPipeline({ bytes, mediaType: 'image/jpeg', filename: 'r.jpg' });
    expect(r.text).toMatch(/McDonald/i);
    expect(r.data.total_amount).toBe(gold.total_amount);
  });
});

describe('scanned PDF', () => {
  it('renders a page without a text layer in a worker thread and OCRs it', async () => {
    const sharp = (await import('sharp')).default;
    const { jpegToPdf } = await import('../../../test/fixtures/image-pdf.js');
    const jpeg = readDocument('data/sroie/X51005230617.jpg');
    const meta = await sharp(jpeg).metadata();
    const pdf = jpegToPdf(jpeg, meta.width ?? 0, meta.height ?? 0);
    const gold = readGold('gold/sroie/sroie-X51005230617.json');
    expect(await countPages(pdf, 'application/pdf')).toBe(1);
    const r = await runPipeline({ bytes: pdf, mediaType: 'application/pdf', filename: 'scan.pdf' });
    expect(r.text).toMatch(/McDonald/i);
    expect(r.data.total_amount).toBe(gold.total_amount);
    expect(r.data.date).toBe(gold.date);
  });
});
