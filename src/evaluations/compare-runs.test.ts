import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare-runs.js';
import { scoreItem } from './scoring/score-item.js';
import { summarize } from './scoring/summarize.js';

describe('compareRuns', () => {
  const expected = { number: 'A-1', total: 10, rows: [{ description: 'x', amount: 4 }, { description: 'y', amount: 6 }] };
  const run = (predicted: Record<string, unknown>) => {
    const fields = scoreItem(expected, predicted);
    return { fields: summarize([fields]).fields, items: [{ itemId: 'evi_1', filename: 'a.pdf', fields }] };
  };

  it('names fields and items that got better or worse; F1 first, accuracy breaking a tie', () => {
    const a = run({ number: 'A-1', total: 11, rows: [{ description: 'x', amount: 4 }, { description: 'z', amount: 6 }] });
    const b = run({ number: 'B-2', total: 10, rows: [{ description: 'x', amount: 4 }, { description: 'y', amount: 6 }] });
    const c = compareRuns(a, b);
    expect(c.summary).toEqual({ better: ['rows', 'total'], worse: ['number'] });
    // rows: both runs match both rows (F1 1 -> 1), but one cell more is right: accuracy 3/4 -> 4/4 decides.
    expect(c.fields.find((f) => f.field === 'rows')).toMatchObject({ delta_f1: 0, delta_accuracy: 0.25, change: 'better' });
    expect(c.items).toEqual([{ item_id: 'evi_1', filename: 'a.pdf', better: ['total', 'rows'], worse: ['number'] }]);
    expect(compareRuns(a, a).items).toEqual([]);
    expect(compareRuns(a, a).fields.every((f) => f.change === 'same')).toBe(true);
  });
});
