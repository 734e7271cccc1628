/**
 * The holiday calendars pacte ships, against the lists their sources publish: OPM's federal holidays (2025, and 2027
 * with its observed days: Juneteenth on Friday the 18th, Independence Day on Monday the 5th, Christmas on Friday the
 * 24th, and New Year's Day 2028 on Friday 31 December), and the ECB's TARGET2 closing days with Easter's dates.
 */
import { describe, expect, it } from 'vitest';
import { addDuration } from '../src/values/dates.js';
import { easter, holidayCalendar } from '../src/values/holidays.js';

describe('holiday calendars', () => {
  const federal = holidayCalendar(['us-federal'], []);

  it('us-federal gives the federal holidays OPM lists for 2025', () => {
    expect(federal.holidaysIn(2025)).toEqual([
      '2025-01-01',
      '2025-01-20',
      '2025-02-17',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-10-13',
      '2025-11-11',
      '2025-11-27',
      '2025-12-25',
    ]);
  });

  it('us-federal moves a holiday on a weekend to its observed day (2027)', () => {
    expect(federal.holidaysIn(2027)).toEqual([
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
      '2027-12-31',
    ]);
  });

  it('Juneteenth counts from 2021 only', () => {
    expect(federal.holidaysIn(2020)).not.toContain('2020-06-19');
    expect(federal.holidaysIn(2021)).toContain('2021-06-18');
  });

  it('Easter and the TARGET2 closing days around it', () => {
    expect(['2024', '2025', '2026', '2027', '2000', '2038'].map((y) => easter(Number(y)))).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2000-04-23',
      '2038-04-25',
    ]);
    // 2027: 1 January is a Friday; Good Friday 26 March, Easter Monday 29 March; 1 May and 25–26 December fall on
    // weekends and are left out (they are not business days anyway).
    expect(holidayCalendar(['target2'], []).holidaysIn(2027)).toEqual(['2027-01-01', '2027-03-26', '2027-03-29']);
  });

  it('business days skip holidays forwards and backwards, and a holiday is never a result', () => {
    const d = { amount: 1, unit: 'business days' as const };
    expect(addDuration('2025-11-26', d, 1, federal)).toBe('2025-11-28');
    expect(addDuration('2025-11-28', d, -1, federal)).toBe('2025-11-26');
    expect(addDuration('2025-11-26', d, 1, null)).toBe('2025-11-27');
    // A year of business days from 2025-01-02: 261 weekdays in 2025 minus 11 holidays after the start.
    const year = { amount: 250, unit: 'business days' as const };
    const to = addDuration('2025-01-02', year, 1, federal);
    expect(federal.holidaysIn(2025)).not.toContain(to);
    expect(addDuration(to, year, -1, federal)).toBe('2025-01-02');
  });
});
