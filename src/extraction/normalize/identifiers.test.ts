import { describe, expect, it } from 'vitest';
import { findIbans, findVatIds, isValidIban } from './identifiers.js';

describe('IBAN', () => {
  it('accepts valid IBANs and rejects a changed digit', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 01')).toBe(false);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
  });
  it('finds a grouped IBAN in a line', () => {
    expect(findIbans('IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX')[0]?.iban).toBe('DE89370400440532013000');
  });
});

describe('VAT ids', () => {
  it('reads spaced and compact forms', () => {
    expect(findVatIds('N° TVA intra : FR 11 123 456 782')[0]?.value).toBe('FR11123456782');
    expect(findVatIds('USt.-Id.-Nr. : DE136695976')[0]?.value).toBe('DE136695976');
  });
});
