import { describe, expect, it } from 'vitest';
import { computeRetryDelayMs } from './backoff.js';

describe('computeRetryDelayMs', () => {
  it('doubles per attempt, half fixed and half jitter', () => {
    expect(computeRetryDelayMs({ attempt: 1, baseMs: 1000, random: () => 0 })).toBe(500);
    expect(computeRetryDelayMs({ attempt: 1, baseMs: 1000, random: () => 0.999999 })).toBe(1000);
    expect(computeRetryDelayMs({ attempt: 2, baseMs: 1000, random: () => 0 })).toBe(1000);
    expect(computeRetryDelayMs({ attempt: 4, baseMs: 1000, random: () => 0.5 })).toBe(6000);
  });

  it('stays within [d/2, d] with real randomness', () => {
    for (let i = 0; i < 200; i++) {
      const delay = computeRetryDelayMs({ attempt: 3, baseMs: 100 });
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });

  it('caps the delay, even for absurd attempt counts', () => {
    expect(computeRetryDelayMs({ attempt: 30, baseMs: 1000, maxMs: 60_000, random: () => 0.999999 })).toBe(60_000);
    expect(Number.isFinite(computeRetryDelayMs({ attempt: 5000, baseMs: 1000 }))).toBe(true);
  });
});
