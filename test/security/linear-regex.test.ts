import { describe, expect, it } from 'vitest';
import { findEmails } from '../../src/extraction/normalize/identifiers.js';
import { runPipeline } from '../../src/extraction/pipeline.js';

/**
 * Regular expressions over document text must be linear in it. A pattern that can start at every
 * character of a long run and rescan the rest (`\d[\d.,]*EUR`, `[a-z]+rechnung`, `[\w.]+@`) is
 * quadratic: one 50 KB word held the event loop for seconds.
 */
const BOUND_MS = 2500;

describe('regexes over document text are linear', () => {
  const runs: Record<string, string> = {
    'a 50 KB line of digits (52 s before)': '1'.repeat(50_000),
    'a 50 KB run of "1." (22 s before)': '1.'.repeat(25_000),
    'a 50 KB word (6 s before)': 'a'.repeat(50_000),
    'spaced digits': '1 '.repeat(25_000),
    'amounts with a currency': '1 EUR'.repeat(10_000),
  };
  for (const [name, text] of Object.entries(runs)) {
    it(`reads ${name} in bounded time`, async () => {
      const started = performance.now();
      await runPipeline({ bytes: Buffer.from(text), mediaType: 'text/plain', filename: 'x.txt' });
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
    });
  }

  it('finds emails without rescanning a long token (9.7 s for 50,000 characters before)', () => {
    const started = performance.now();
    expect(findEmails('a'.repeat(50_000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(findEmails('write to jane.doe+x@acme-corp.co.uk or b@c.de.')).toEqual(['jane.doe+x@acme-corp.co.uk', 'b@c.de']);
  });
});
