import { describe, expect, it } from 'vitest';
import { parseModelJson, repairJson, stripReasoning } from './model-output.js';

describe('model output', () => {
  it('strips closed, unopened and unclosed reasoning blocks', () => {
    expect(stripReasoning('<think>a {"x":1}</think>{"x":2}')).toBe('{"x":2}');
    expect(stripReasoning('reasoning…</think>\n{"x":2}')).toBe('{"x":2}');
    expect(stripReasoning('{"x":2}<thinking>never closed')).toBe('{"x":2}');
    expect(stripReasoning('<THINK>upper</THINK> {"x":3}')).toBe('{"x":3}');
  });

  it('reads JSON out of a fence, after a preamble, before trailing prose', () => {
    expect(parseModelJson('Sure:\n```json\n{"a": [1, 2]}\n```\nanything else?').value).toEqual({ a: [1, 2] });
    expect(parseModelJson('Result: {"a": "}"} done').value).toEqual({ a: '}' });
  });

  it('repairs cut-off JSON by dropping the unfinished member and closing what is open', () => {
    expect(repairJson('{"a": 1, "b": [1, 2')).toEqual({ a: 1, b: [1, 2] });
    expect(repairJson('{"a": 1, "b": {"c": "x"')).toEqual({ a: 1, b: { c: 'x' } });
    expect(repairJson('{"a": 1, "b":')).toEqual({ a: 1, b: null });
    expect(repairJson('{"a": 1,}')).toEqual({ a: 1 });
    // Cut inside a string: the half value is not kept.
    expect(repairJson('{"a": 1, "name": "Globex Corp')).toEqual({ a: 1 });
    expect(repairJson('{"a": 1, "n": 12.')).toEqual({ a: 1 });
  });

  it('fails clearly on empty, reasoning-only and JSON-less answers', () => {
    expect(() => parseModelJson('')).toThrow(expect.objectContaining({ kind: 'empty_output' }));
    expect(() => parseModelJson('<think>only thoughts</think>')).toThrow(/reasoning only/);
    expect(() => parseModelJson('I cannot help with that.')).toThrow(expect.objectContaining({ kind: 'invalid_output', message: expect.stringContaining('holds no JSON object') }));
    expect(() => parseModelJson('{"a": ]')).toThrow(expect.objectContaining({ kind: 'invalid_output' }));
  });
});
