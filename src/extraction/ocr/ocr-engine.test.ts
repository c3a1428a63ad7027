import { describe, expect, it } from 'vitest';
import { isBlank, toPgm } from './ocr-engine.js';
import { rotateGrey } from './orientation.js';

describe('grey images', () => {
  const page = (dark: number) => {
    const data = new Uint8Array(100 * 100).fill(255);
    for (let i = 0; i < dark; i++) data[i * 37] = 0;
    return { width: 100, height: 100, data };
  };
  it('tells a blank page from one with print on it', () => {
    expect(isBlank(page(0))).toBe(true);
    expect(isBlank(page(200))).toBe(false);
  });
  it('counts faint print on light paper as print: ink is measured against the paper, not mid-grey', () => {
    // A faded thermal receipt: paper at 210, print at 140 (nothing darker than 128).
    const data = new Uint8Array(100 * 100).fill(210);
    for (let i = 0; i < 300; i++) data[i * 31] = 140;
    expect(isBlank({ width: 100, height: 100, data })).toBe(false);
    // Paper grain a little darker than the paper is still blank.
    const grain = new Uint8Array(100 * 100).fill(240);
    for (let i = 0; i < 2000; i++) grain[i * 5] = 215;
    expect(isBlank({ width: 100, height: 100, data: grain })).toBe(true);
  });
  it('wraps pixels in a PGM header', () => {
    const pgm = toPgm({ width: 2, height: 1, data: new Uint8Array([0, 255]) });
    expect(pgm.subarray(0, 11).toString()).toBe('P5\n2 1\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 255]);
  });
  it('rotates by quarter turns', () => {
    const img = { width: 2, height: 1, data: new Uint8Array([1, 2]) };
    expect(rotateGrey(img, 90)).toEqual({ width: 1, height: 2, data: new Uint8Array([1, 2]) });
    expect(rotateGrey(img, 180).data).toEqual(new Uint8Array([2, 1]));
    expect(rotateGrey(img, 270)).toEqual({ width: 1, height: 2, data: new Uint8Array([2, 1]) });
  });
});
