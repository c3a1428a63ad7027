import { describe, expect, it } from 'vitest';
import { joinLineBoxes, padLineEnds, readingOrder } from './line-boxes.js';

describe('joinLineBoxes', () => {
  it('joins a sliver and words that nearly touch on one line, not the next line or a far column', () => {
    const boxes = joinLineBoxes([
      [150, 201, 247, 242], // "Row"
      [232, 197, 251, 242], // a sliver overlapping it
      [266, 197, 326, 242], // "34", 15 px on: under half the height
      [600, 199, 700, 243], // a far column
      [150, 265, 240, 310], // the next line
    ]);
    expect(readingOrder(boxes)).toEqual([
      [150, 197, 326, 242],
      [600, 199, 700, 243],
      [150, 265, 240, 310],
    ]);
  });
});

describe('readingOrder', () => {
  it('orders rows top to bottom and each row left to right, though its boxes start at different heights', () => {
    const order = readingOrder([
      [300, 96, 400, 130],
      [10, 100, 100, 132],
      [10, 140, 100, 170],
    ]);
    expect(order.map((b) => b[0] + b[1])).toEqual([110, 396, 150]);
  });
});

describe('padLineEnds', () => {
  it('widens a line on the right by the pad times its height, stopping at the next box of its row and the page edge', () => {
    const padded = padLineEnds(
      [
        [10, 100, 200, 120], // a line ending in open space: +10 px at pad 0.5
        [10, 130, 200, 150], // a line whose row goes on 4 px to its right
        [204, 131, 300, 150],
        [10, 160, 395, 180], // a line near the page's right edge
      ],
      0.5,
      400,
    );
    expect(padded).toEqual([
      [10, 100, 210, 120],
      [10, 130, 204, 150],
      [204, 131, 309.5, 150], // 19 px high: +9.5 px
      [10, 160, 400, 180],
    ]);
  });

  it('leaves the boxes as they are without a pad', () => {
    expect(padLineEnds([[10, 100, 200, 120]], 0, 400)).toEqual([[10, 100, 200, 120]]);
  });
});
