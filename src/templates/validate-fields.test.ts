import { describe, expect, it } from 'vitest';
import { DEFINITION_LIMITS } from './template-definition.js';
import { validateFields } from './validate-fields.js';

function issuesOf(input: unknown): Record<string, string[]> {
  const result = validateFields(input);
  if (result.ok) throw new Error('expected validation to fail');
  const out: Record<string, string[]> = {};
  for (const issue of result.issues) (out[issue.path] ??= []).push(issue.message);
  return out;
}

describe('validateFields', () => {
  it('accepts every field type and nested children, normalizing the result', () => {
    const result = validateFields([
      { id: '1', name: 'invoice_number', type: 'String', description: 'The invoice id', required: true },
      { name: 'total', type: 'number', description: '' },
      { name: 'paid', type: 'Boolean', required: false },
      { name: 'issued', type: 'Date' },
      { name: 'tags', type: 'list<string>', children: [] },
      {
        name: 'vendor',
        type: 'Object',
        children: [
          { name: 'name', type: 'String' },
          { name: 'address', type: 'Object', children: [{ name: 'city', type: 'String' }] },
        ],
      },
      { name: 'line_items', type: 'List<Object>', children: [{ name: 'amount', type: 'Number', required: true }] },
    ]);
    expect(result).toEqual({
      ok: true,
      value: [
        { name: 'invoice_number', type: 'String', description: 'The invoice id', required: true },
        { name: 'total', type: 'Number' },
        { name: 'paid', type: 'Boolean' },
        { name: 'issued', type: 'Date' },
        { name: 'tags', type: 'List<String>' },
        {
          name: 'vendor',
          type: 'Object',
          children: [
            { name: 'name', type: 'String' },
            { name: 'address', type: 'Object', children: [{ name: 'city', type: 'String' }] },
          ],
        },
        { name: 'line_items', type: 'List<Object>', children: [{ name: 'amount', type: 'Number', required: true }] },
      ],
    });
  });

  it('accepts an empty list (an empty draft)', () => {
    expect(validateFields([])).toEqual({ ok: true, value: [] });
  });

  it('reports every problem at its own path', () => {
    const details = issuesOf([
      { name: 'a', type: 'Text' },
      { type: 'String' },
      { name: 'a', type: 'String' },
      { name: 'bad.name', type: 'String' },
      { name: 'obj', type: 'Object' },
      { name: 'str', type: 'String', children: [{ name: 'x', type: 'String' }] },
      { name: 'items', type: 'List<Object>', children: [{ name: 'q', type: 'Number', required: 'yes' }, { name: 'q', type: 'Number' }] },
      'not a field',
    ]);
    expect(Object.keys(details).sort()).toEqual(
      [
        'fields.0.type',
        'fields.1.name',
        'fields.2.name',
        'fields.3.name',
        'fields.4.children',
        'fields.5.children',
        'fields.6.children.0.required',
        'fields.6.children.1.name',
        'fields.7',
      ].sort(),
    );
    expect(details['fields.0.type'][0]).toContain('String, Number, Boolean, Date, Object, List<String>, List<Object>');
    expect(details['fields.0.type'][0]).toContain('"Text"');
    expect(details['fields.1.name'][0]).toBe('name is required.');
    expect(details['fields.2.name'][0]).toContain("duplicate field name 'a' (also at fields.0)");
    expect(details['fields.6.children.1.name'][0]).toContain('also at fields.6.children.0');
    expect(details['fields.4.children'][0]).toContain('Object fields need a non-empty children array');
    expect(details['fields.5.children'][0]).toContain('only Object and List<Object>');
  });

  it('allows the same name at different levels', () => {
    const result = validateFields([
      { name: 'name', type: 'String' },
      { name: 'vendor', type: 'Object', children: [{ name: 'name', type: 'String' }] },
    ]);
    expect(result.ok).toBe(true);
  });

  it('rejects a name that would set a prototype', () => {
    expect(issuesOf([{ name: '__proto__', type: 'String' }])).toEqual({ 'fields.0.name': ["name '__proto__' is reserved."] });
  });

  it('rejects a non-array', () => {
    expect(issuesOf({ name: 'a' })).toEqual({ fields: [expect.stringContaining('must be an array')] });
  });

  it('limits nesting depth', () => {
    let field: Record<string, unknown> = { name: 'leaf', type: 'String' };
    for (let i = 0; i < DEFINITION_LIMITS.maxDepth; i++) field = { name: `level${i}`, type: 'Object', children: [field] };
    const details = issuesOf([field]);
    const paths = Object.keys(details);
    expect(paths).toHaveLength(1);
    expect(details[paths[0]][0]).toContain(`at most ${DEFINITION_LIMITS.maxDepth} levels`);

    // One level less is fine.
    expect(validateFields([(field.children as unknown[])[0]]).ok).toBe(true);
  });

  it('limits the total number of fields', () => {
    const fields = Array.from({ length: DEFINITION_LIMITS.maxFields + 1 }, (_, i) => ({ name: `f${i}`, type: 'String' }));
    expect(issuesOf(fields).fields[0]).toContain(`at most ${DEFINITION_LIMITS.maxFields} fields`);
  });
});
