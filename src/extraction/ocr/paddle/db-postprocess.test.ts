import { describe, expect, it } from 'vitest';
import { dbBoxes } from './db-postprocess.js';

function map(width: number, height: number, regions: { x0: number; y0: number; x1: number; y1: number; p: number }[]): Float32Array {
  const m = new Float32Array(width * height).fill(0.01);
  for (const r of regions) for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) m[y * width + x] = r.p;
  return m;
}

describe('dbBoxes', () => {
  it('gives one box per text region, grown by area × 1.5 / perimeter on each side', () => {
    const m = map(200, 60, [
      { x0: 10, y0: 10, x1: 90, y1: 20, p: 0.9 },
      { x0: 110, y0: 10, x1: 150, y1: 20, p: 0.8 },
    ]);
    const boxes = dbBoxes(m, 200, 60).sort((a, b) => a.box[0] - b.box[0]);
    expect(boxes).toHaveLength(2);
    const d = (80 * 10 * 1.5) / (2 * 90);
    expect(boxes[0].box.map((v) => Math.round(v * 100) / 100)).toEqual([10 - d, 10 - d, 90 + d, 20 + d].map((v) => Math.round(v * 100) / 100));
    expect(boxes[0].score).toBeCloseTo(0.9, 5);
  });

  it('drops faint regions and specks, and keeps boxes inside the map', () => {
    const m = map(100, 40, [
      { x0: 0, y0: 0, x1: 50, y1: 8, p: 0.9 },
      { x0: 60, y0: 20, x1: 90, y1: 30, p: 0.45 },
      { x0: 70, y0: 35, x1: 72, y1: 37, p: 0.99 },
    ]);
    const boxes = dbBoxes(m, 100, 40);
    expect(boxes).toHaveLength(1);
    expect(boxes[0].box[0]).toBe(0);
    expect(boxes[0].box[1]).toBe(0);
  });

  it('joins diagonal neighbours into one region (8-connected)', () => {
    const m = map(40, 40, [
      { x0: 5, y0: 5, x1: 15, y1: 15, p: 0.9 },
      { x0: 15, y0: 15, x1: 25, y1: 25, p: 0.9 },
    ]);
    expect(dbBoxes(m, 40, 40, { boxThreshold: 0.3 })).toHaveLength(1);
  });

  it("keeps a long line a little off level by its own pixels' score, which its bounding box's mean would drop", () => {
    // A line 300 map pixels long and 8 high, falling 24 pixels over its length (about 4.6°).
    const m = new Float32Array(320 * 60).fill(0.01);
    for (let x = 10; x < 310; x++) {
      const top = 10 + Math.floor(((x - 10) * 24) / 300);
      for (let y = top; y < top + 8; y++) m[y * 320 + x] = 0.9;
    }
    // A faint smudge stays out either way.
    for (let y = 50; y < 56; y++) for (let x = 20; x < 60; x++) m[y * 320 + x] = 0.45;
    expect(dbBoxes(m, 320, 60)).toHaveLength(0);
    const kept = dbBoxes(m, 320, 60, { scoreMode: 'region' });
    expect(kept).toHaveLength(1);
    expect(kept[0].score).toBeCloseTo(0.9, 5);
    expect(kept[0].box[1]).toBeLessThan(10);
    expect(kept[0].box[3]).toBeGreaterThan(42);
  });
});
