import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../extract/field-schema.js';
import { answerSchema, checkAnswer } from './answer-schema.js';

const specs: FieldSpec[] = [
  { name: 'total', kind: 'number', description: 'the total', children: [] },
  { name: 'issued', kind: 'date', description: '', children: [] },
  { name: 'paid', kind: 'boolean', description: '', children: [] },
  { name: 'items', kind: 'list_object', description: '', children: [{ name: 'description', kind: 'string', description: '', children: [] }, { name: 'amount', kind: 'number', description: '', children: [] }] },
];

describe('answer schema', () => {
  it('asks for every field, nullable, dates as ISO text, with descriptions', () => {
    const schema = answerSchema(specs) as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(schema.required).toEqual(['total', 'issued', 'paid', 'items']);
    expect(schema.properties.total).toEqual({ type: ['number', 'null'], description: 'the total' });
    expect(schema.properties.issued).toMatchObject({ type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
  });

  it('brings printed forms to typed values and drops rows with nothing in them', () => {
    const { values, problems } = checkAnswer(specs, { total: '1.250,00 €', issued: '14.03.2025', paid: 'true', items: [{ description: 'Bolts', amount: '25.00' }, {}] }, 'dmy');
    expect(problems).toEqual([]);
    expect(values).toEqual({ total: 1250, issued: '2025-03-14', paid: true, items: [{ description: 'Bolts', amount: 25 }] });
  });

  it('sets values that still fail to null and names them, keeping the rest', () => {
    const { values, problems } = checkAnswer(specs, { total: 'about forty', issued: 'soon', items: [{ description: 'Bolts', amount: 'n/a' }] }, 'dmy');
    expect(values).toEqual({ total: null, issued: null, paid: null, items: [{ description: 'Bolts', amount: null }] });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^total must be number/), expect.stringMatching(/^issued /), expect.stringMatching(/^items\.0\.amount /)]));
  });

  it('refuses an answer that is not an object', () => {
    expect(() => checkAnswer(specs, [1, 2], 'dmy')).toThrow(/an array, not a JSON object/);
  });
});
