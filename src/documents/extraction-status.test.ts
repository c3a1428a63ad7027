import { describe, expect, it } from 'vitest';
import { deriveExtractionStatus } from './extraction-status.js';

describe('deriveExtractionStatus', () => {
  it.each([
    [['queued', 'queued'], 'queued'],
    [['queued', 'completed'], 'processing'],
    [['processing'], 'processing'],
    [['completed', 'completed'], 'completed'],
    [['failed', 'failed'], 'failed'],
    [['completed', 'failed'], 'partial'],
    [['completed', 'cancelled'], 'cancelled'],
  ] as const)('%j → %s', (statuses, expected) => {
    expect(deriveExtractionStatus([...statuses])).toBe(expected);
  });
});
