import { describe, expect, it } from 'vitest';
import { joinLineBoxes, readingOrder } from './line-boxes.js';

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
