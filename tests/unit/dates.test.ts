// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { findDates, monthNumber, parseTime } from '../../lib/dates';

describe('one month table', () => {
  it('reads German, Austrian and English names and abbreviations in any case', () => {
    expect(['Jän', 'JANUAR', 'jan'].map(monthNumber)).toEqual([1, 1, 1]);
    expect(['März', 'mär', 'Maerz', 'March', 'mar'].map(monthNumber)).toEqual([3, 3, 3, 3, 3]);
    expect(['Sept', 'sep', 'September'].map(monthNumber)).toEqual([9, 9, 9]);
    expect(['Okt', 'oct', 'Dez', 'dec'].map(monthNumber)).toEqual([10, 10, 12, 12]);
    expect([undefined, '', 'Montag', 'ma'].map(monthNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('serves the page timestamps and the dates in a customer text alike', () => {
    expect(parseTime('3. Okt. 2025, 08:15')).toBe('2025-10-03T08:15:00');
    expect(findDates('geliefert am 3. Okt. 2025').map(({ day, month, year }) => [day, month, year])).toEqual([
      [3, 10, 2025],
    ]);
  });
});

describe('dates a text mentions', () => {
  it('finds numeric, named and ISO dates in order, with the year only when written', () => {
    const text = 'Bestellt am 12.03., geliefert am 3. März 2025, refund by March 20th, 2025 or 2025-04-01.';
    expect(findDates(text)).toEqual([
      { index: 12, text: '12.03.', day: 12, month: 3 },
      { index: 33, text: '3. März 2025', day: 3, month: 3, year: 2025 },
      { index: 57, text: 'March 20th, 2025', day: 20, month: 3, year: 2025 },
      { index: 77, text: '2025-04-01', day: 1, month: 4, year: 2025 },
    ]);
  });

  it('reads two-digit years as this century and skips days and months out of range', () => {
    expect(findDates('am 05.06.24').map((d) => d.year)).toEqual([2024]);
    expect(findDates('am 45.13. und am 32. Mai')).toEqual([]);
  });

  it('leaves slash dates alone: US and European readings differ', () => {
    expect(findDates('ordered 03/04/2024')).toEqual([]);
  });
});
