import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff-format.js';

describe('sniffFormat', () => {
  it('takes a damaged image by its signature, so it fails later as a corrupt file of its own', async () => {
    const cases: Array<[number[], string]> = [
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
      [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
      [[0x49, 0x49, 0x2a, 0x00], 'image/tiff'],
      [[0x4d, 0x4d, 0x00, 0x2a], 'image/tiff'],
      [[0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50], 'image/webp'],
    ];
    for (const [signature, mediaType] of cases) {
      const damaged = Buffer.concat([Buffer.from(signature), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x01])]);
      expect(await sniffFormat(damaged), mediaType).toEqual({ supported: true, mediaType });
    }
  });

  it('still refuses bytes that are no supported format', async () => {
    expect(await sniffFormat(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]))).toMatchObject({ supported: false });
    expect(await sniffFormat(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x00]))).toEqual({ supported: false, detected: undefined });
    expect(await sniffFormat(Buffer.alloc(0))).toEqual({ supported: false, detected: 'empty' });
  });
});
