import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/format/format-duration.js';
import { formatNumber } from '../../src/format/format-number.js';
import { formatTable } from '../../src/format/format-table.js';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [-3, '0 ms'],
    [12.4, '12 ms'],
    [999.4, '999 ms'],
    [999.6, '1.0 s'],
    [3400, '3.4 s'],
    [59_940, '59.9 s'],
    [59_960, '1 min 0 s'],
    [125_000, '2 min 5 s'],
    [179_600, '3 min 0 s'],
    [3_725_000, '62 min 5 s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatNumber', () => {
  it('rounds and groups thousands with commas', () => {
    expect([0, 7, 1234.4, 1234.5, 26_200, 1_000_000, -4321].map(formatNumber)).toEqual([
      '0',
      '7',
      '1,234',
      '1,235',
      '26,200',
      '1,000,000',
      '-4,321',
    ]);
  });
});

describe('formatTable', () => {
  it('aligns number, duration and dash columns right, the others left, and trims each line', () => {
    const text = formatTable(
      ['task', 'rows', 'time', 'note'],
      [
        ['customer', '1,200', '850 ms', 'first'],
        ['order', '80', '2 min 5 s', ''],
        ['order_line', '-', '3.4 s', ''],
      ],
    );
    expect(text.split('\n')).toEqual([
      'task         rows       time  note',
      'customer    1,200     850 ms  first',
      'order          80  2 min 5 s',
      'order_line      -      3.4 s',
    ]);
  });

  it('without rows is the header alone, left-aligned', () => {
    expect(formatTable(['a', 'rows'], [])).toBe('a  rows');
  });
});
