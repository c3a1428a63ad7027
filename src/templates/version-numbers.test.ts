import { describe, expect, it } from 'vitest';
import { formatVersionLabel, nextRelease, parseVersionSelector } from './version-numbers.js';

describe('nextRelease', () => {
  it('starts at 1.0 and bumps by release type', () => {
    const first = nextRelease(null, 'minor');
    expect(first).toEqual({ major: 1, minor: 0 });
    const second = nextRelease(first, 'minor');
    expect(formatVersionLabel(second)).toBe('1.1');
    const third = nextRelease(second, 'major');
    expect(formatVersionLabel(third)).toBe('2.0');
    expect(formatVersionLabel(nextRelease(third, 'minor'))).toBe('2.1');
  });
});

describe('parseVersionSelector', () => {
  it.each([
    [undefined, { kind: 'latest' }],
    [null, { kind: 'latest' }],
    ['', { kind: 'latest' }],
    ['latest', { kind: 'latest' }],
    ['LATEST', { kind: 'latest' }],
    ['draft', { kind: 'draft' }],
    [3, { kind: 'number', version: 3 }],
    ['3', { kind: 'number', version: 3 }],
    ['1.1', { kind: 'label', major: 1, minor: 1 }],
    ['v2.0', { kind: 'label', major: 2, minor: 0 }],
  ])('reads %j', (input, expected) => {
    expect(parseVersionSelector(input as never)).toEqual(expected);
  });

  it.each([0, -1, 1.5, '0', '01', 'abc', '1.2.3', 'v', '1.'])('rejects %j', (input) => {
    expect(parseVersionSelector(input)).toBeUndefined();
  });
});
