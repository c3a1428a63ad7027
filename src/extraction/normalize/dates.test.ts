import { describe, expect, it } from 'vitest';
import { findDates, inferDateOrder, parseDate } from './dates.js';

describe('parseDate', () => {
  it.each([
    ['25/12/2018', '2018-12-25'],
    ['Date: 31.01.2026', '2026-01-31'],
    ['2018-05-01', '2018-05-01'],
    ['03/03/18', '2018-03-03'],
    ['07 MAR 2018', '2018-03-07'],
    ['27/MAR/2018', '2018-03-27'],
    ['1 Jan 2025', '2025-01-01'],
    ['March 5, 2024', '2024-03-05'],
    // OCR drops the space after the comma.
    ['Jun 26,2024', '2024-06-26'],
    ['December 22,2024', '2024-12-22'],
    ['5. März 2024', '2024-03-05'],
    ['12 décembre 2023', '2023-12-12'],
    ['1/30/23', '2023-01-30'],
    // As web software prints dates (Intl "medium" and "long"): the abbreviations and the Spanish "de".
    ['19 abr 2025', '2025-04-19'],
    ['28 de noviembre de 2024', '2024-11-28'],
    ['1 de enero del 2025', '2025-01-01'],
    ['13 giu 2024', '2024-06-13'],
    ['12 mag 2024', '2024-05-12'],
    ['7 déc. 2025', '2025-12-07'],
    ['3 Mär 2026', '2026-03-03'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });
  it('reads ambiguous numeric dates in the order it is given', () => {
    expect(parseDate('03/04/2025', 'dmy')).toBe('2025-04-03');
    expect(parseDate('03/04/2025', 'mdy')).toBe('2025-03-04');
  });
  it('does not take amounts or times for dates', () => {
    expect(findDates('Total 1,234.56  10:27:03')).toEqual([]);
  });
});

describe('inferDateOrder', () => {
  it('follows the unambiguous dates of the document', () => {
    expect(inferDateOrder(['DATE: 1/30/23', 'due 02/03/23'])).toBe('mdy');
    expect(inferDateOrder(['25/12/2018', '03/04/2018'])).toBe('dmy');
    expect(inferDateOrder(['03/04/2018'], 'mdy')).toBe('mdy');
  });
});

describe('findDates on shared expressions', () => {
  it('finds the same dates however often and in whatever order texts are read', () => {
    const a = 'Invoice date 03/04/2024, due 2024-05-01, delivered 7 May 2024, stamp 20240509';
    const b = 'May 3, 2024';
    const first = findDates(a);
    expect(first.map((d) => d.iso)).toEqual(['2024-04-03', '2024-05-01', '2024-05-07', '2024-05-09']);
    expect(findDates(b).map((d) => d.iso)).toEqual(['2024-05-03']);
    expect(findDates(a)).toEqual(first);
  });
});

describe('dates as tills abroad print them, and as OCR misreads them', () => {
  it('reads a year-first date with a one-digit day or month', () => {
    expect(parseDate('Date 2025-7-4 15:59')).toBe('2025-07-04');
    expect(parseDate('2024/12/6')).toBe('2024-12-06');
    // Not a year first: a one-digit last part is no date ("1.2.3" versions, "12-05-3").
    expect(findDates('v1.2.3  12-05-3')).toEqual([]);
  });

  it('repairs l, I and O between the digits of a date and a 0 in a month name', () => {
    expect(parseDate('Datum 1l.11.2023')).toBe('2023-11-11');
    expect(parseDate('O1.11.2O23')).toBe('2023-11-01');
    expect(parseDate('03 0ct. 2023 19:43')).toBe('2023-10-03');
    expect(parseDate('3 ag0 2025 18:24')).toBe('2025-08-03');
    expect(parseDate('0ct 23, 2023 12:16')).toBe('2023-10-23');
    // Words that are no month keep their 0: "B0X 12 2023" is no date.
    expect(findDates('B0X 12 2023')).toEqual([]);
  });
});
