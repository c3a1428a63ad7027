import { describe, expect, it } from 'vitest';
import { glyphDistance } from '../normalize/glyph-distance.js';
import { MisreadLabels } from './misread-labels.js';

describe('glyphDistance', () => {
  it('counts a lookalike glyph as half an edit and any other edit as one', () => {
    expect(glyphDistance('TOTAL', 'total')).toBe(0);
    expect(glyphDistance('T0TAL', 'TOTAL')).toBe(0.5);
    expect(glyphDistance('5/8', 'S/B')).toBe(1);
    expect(glyphDistance('otal', 'total')).toBe(1);
    expect(glyphDistance('totel', 'total')).toBe(1);
    expect(glyphDistance('tozsl', 'total')).toBe(2);
  });
});

describe('MisreadLabels', () => {
  const total = new MisreadLabels('total_amount');

  it('finds a total label OCR misread by one letter', () => {
    expect(total.weight('otal incl. gst@6% ')).toBe(1);
    expect(total.weight('totel ')).toBeGreaterThan(0);
    expect(total.weight('tota1 ')).toBeGreaterThan(0);
  });

  it('says nothing where the label is printed right, or where no label word is one edit away', () => {
    // Already a label as printed: the scorer's other features have it.
    expect(total.weight('total amount: ')).toBe(0);
    expect(total.weight('cash ')).toBe(0);
    expect(total.weight('1 case ')).toBe(0);
    expect(total.weight('tozsl ')).toBe(0);
    // A misread word that the label expressions exclude stays excluded ("sub total").
    expect(total.weight('subtotai ')).toBe(0);
  });
});
