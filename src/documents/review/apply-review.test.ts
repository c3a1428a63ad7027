import { describe, expect, it } from 'vitest';
import { applyReview, parsePath } from './apply-review.js';
import { builtInFields } from '../../extraction/document-types/built-in-fields.js';
import { diffOutput } from './diff-output.js';
import { isIsoDate } from './review-values.js';

const review = (current: Record<string, unknown>, changes: Parameters<typeof applyReview>[2], type = 'bank_statement') => {
  const problems: Record<string, string[]> = {};
  const out = applyReview(current, builtInFields(type), changes, (p, m) => (problems[p] ??= []).push(m));
  return { out, problems };
};

describe('applyReview', () => {
  it('creates the objects a path needs and never mutates the current output', () => {
    const current = { statement_period: null, transactions: [] };
    const { out, problems } = review(current, { edits: [{ path: 'statement_period.to', value: '2025-01-31' }, { path: 'transactions[0].amount', value: -5 }] });
    expect(problems).toEqual({});
    expect(out.statement_period).toEqual({ from: null, to: '2025-01-31' });
    expect(out.transactions).toEqual([{ date: null, description: null, amount: -5, type: null, balance: null }]);
    expect(current).toEqual({ statement_period: null, transactions: [] });
  });

  it('reports every problem under its path', () => {
    const { problems } = review({}, {
      data: { bank_name: 3, opening_balance: Number.NaN, nope: 1 },
      edits: [{ path: 'statement_period.from', value: '31/01/2025' }, { path: 'a..b', value: 1 }, { path: '__proto__.x', value: 1 }],
    });
    expect(Object.keys(problems).sort()).toEqual(['__proto__.x', 'a..b', 'bank_name', 'nope', 'opening_balance', 'statement_period.from']);
  });

  it('leaves untyped fields (output keys outside the schema) to the reviewer', () => {
    const problems: string[] = [];
    const out = applyReview({ extra: { a: [1] } }, [{ name: 'extra', kind: 'any', children: [] }], { edits: [{ path: 'extra.a.1', value: 'two' }] }, (_p, m) => problems.push(m));
    expect(problems).toEqual([]);
    expect(out).toEqual({ extra: { a: [1, 'two'] } });
  });
});

describe('paths, dates and diffs', () => {
  it('reads dotted and bracketed paths', () => {
    expect(parsePath('line_items[2].amount')).toEqual(['line_items', '2', 'amount']);
    expect(parsePath('unit price')).toEqual(['unit price']);
    expect(parsePath('a.')).toBeNull();
  });

  it('accepts ISO dates that exist', () => {
    expect(['2024-02-29', '2025-01-31T10:00:00Z', '2025-01-31T10:00'].every(isIsoDate)).toBe(true);
    expect(['2025-02-29', '2025-13-01', '01/02/2025', '2025-1-1'].some(isIsoDate)).toBe(false);
  });

  it('diffs at the deepest changed path', () => {
    expect(
      diffOutput({ a: 1, p: null, l: [{ x: 1 }, { x: 2 }] }, { a: 1, p: { from: 'x' }, l: [{ x: 1 }], n: 'new' }),
    ).toEqual([
      { path: 'p', before: null, after: { from: 'x' } },
      { path: 'l.1', before: { x: 2 }, after: null },
      { path: 'n', before: null, after: 'new' },
    ]);
  });
});
