import { describe, expect, it } from 'vitest';
import { fromExtendId, mapIds, toExtendId } from './extend-ids.js';

const R = 'abcdefghijklmnopqrst';

describe('Extend ids', () => {
  // Extend's API reference (docs/api-notes.md, "Extend"): "id": "ex_Xj8mK2pL9nR4vT7qY5wZ", "exv_…", "exr_…", "file_…"
  it('shows core ids under Extend prefixes and reads both forms back', () => {
    for (const [core, extend] of [[`prs_${R}`, `ex_${R}`], [`ext_${R}`, `exr_${R}`], [`prv_${R}`, `exv_${R}`], [`fil_${R}`, `file_${R}`], [`prs_${R}_draft`, `exv_${R}_draft`]]) {
      expect(toExtendId(core)).toBe(extend);
      expect(fromExtendId(extend)).toBe(core);
      expect(fromExtendId(core)).toBe(core);
    }
    expect(fromExtendId(`ex_${R}_draft`)).toBe(`prs_${R}_draft`);
  });

  it('leaves other strings alone', () => {
    for (const s of ['ext_short', `key_${R}`, `https://x/v1/extractions/ext_${R}`, `exr_${R}x`, 'draft', 'PROCESSED']) {
      expect(toExtendId(s)).toBe(s);
      expect(fromExtendId(s)).toBe(s);
    }
    expect(mapIds({ a: [`prs_${R}`, 3, null], b: { c: `fil_${R}` }, d: true }, toExtendId)).toEqual({ a: [`ex_${R}`, 3, null], b: { c: `file_${R}` }, d: true });
  });
});
