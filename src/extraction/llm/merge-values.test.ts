import { describe, expect, it } from 'vitest';
import type { FieldValue } from '../extract/context.js';
import type { FieldSpec } from '../extract/field-schema.js';
import type { Grounded } from './ground-values.js';
import { mergeWithLocal, type Warning } from './merge-values.js';

const cite = { page: 1, bbox: [0, 0, 1, 1] as [number, number, number, number], text: 'x' };
const local = (value: unknown, confidence: number): FieldValue => ({ value, confidence, citations: [cite], source: 'page' });
const model = (value: unknown, ungrounded: string[] = []): Grounded => ({
  value: { value, confidence: ungrounded.length ? 0.3 : 0.85, citations: ungrounded.length ? [] : [cite], source: 'llm' },
  ungrounded,
});
const spec = (name: string, kind: FieldSpec['kind'] = 'string'): FieldSpec => ({ name, kind, description: '', children: [] });

function merge(mode: 'llm' | 'hybrid', targets: FieldSpec[], locals: Record<string, FieldValue>, llm: Record<string, Grounded>) {
  const warnings: Warning[] = [];
  const values = mergeWithLocal({ mode, documentType: 'invoice', targets, local: locals, llm: new Map(Object.entries(llm)), warnings });
  return { values, warnings };
}

describe('merging the model with the local engine', () => {
  it('hybrid: a grounded model value replaces a doubtful local one; an ungrounded one does not', () => {
    const { values, warnings } = merge('hybrid', [spec('a'), spec('b')], { a: local('A?', 0.4), b: local('B?', 0.4) }, { a: model('A'), b: model('B!', ['b']) });
    expect(values.a).toMatchObject({ value: 'A', source: 'llm' });
    expect(values.b).toMatchObject({ value: 'B?', source: 'page' });
    expect(warnings).toEqual([]);
  });

  it('hybrid: agreement keeps the local citation and raises its confidence', () => {
    const { values } = merge('hybrid', [spec('a')], { a: local('A', 0.5) }, { a: model('A') });
    expect(values.a).toEqual({ value: 'A', confidence: 0.9, citations: [cite], source: 'page+llm' });
  });

  it('fills a missing value even when ungrounded, and says so', () => {
    const { values, warnings } = merge('hybrid', [spec('a')], { a: local(null, 0) }, { a: model('Z', ['a']) });
    expect(values.a).toMatchObject({ value: 'Z', confidence: 0.3, source: 'llm' });
    expect(warnings).toEqual([{ code: 'LLM_VALUE_UNGROUNDED', message: 'a: "Z" from the LLM was not found in the document; it may be invented' }]);
  });

  it('a model list shorter than the local one is reported; hybrid keeps the local rows, llm mode the model rows', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ description: `r${i}` }));
    const hybrid = merge('hybrid', [spec('line_items', 'list_object')], { line_items: local(rows(5), 0.55) }, { line_items: model(rows(3)) });
    expect(hybrid.values.line_items.value).toHaveLength(5);
    expect(hybrid.warnings).toEqual([{ code: 'LLM_LIST_SHORT', message: 'line_items: the LLM returned 3 rows, the local engine read 5; the local rows are kept' }]);
    const llm = merge('llm', [spec('line_items', 'list_object')], { line_items: local(rows(5), 0.55) }, { line_items: model(rows(3)) });
    expect(llm.values.line_items.value).toHaveLength(3);
    expect(llm.warnings[0].code).toBe('LLM_LIST_SHORT');
  });

  it('names the rows of a list the document does not show', () => {
    const { warnings } = merge('llm', [spec('items', 'list_object')], {}, { items: model([{ d: 1 }, { d: 2 }, { d: 3 }], ['items.0', 'items.2']) });
    expect(warnings).toEqual([{ code: 'LLM_VALUE_UNGROUNDED', message: 'items: rows 1, 3 of 3 from the LLM were not found in the document' }]);
  });
});
