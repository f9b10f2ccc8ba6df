import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/format/format-csv.js';
import { formatDuration } from '../../src/format/format-duration.js';
import { formatNumber } from '../../src/format/format-number.js';
import { formatTable } from '../../src/format/format-table.js';
import { terminalText } from '../../src/format/terminal-text.js';

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

describe('terminalText', () => {
  it('writes control characters, line separators and bidi overrides as escapes', () => {
    expect(terminalText('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(terminalText('\u001b[31mred\u0007\u007f\u009b')).toBe('\\u001b[31mred\\u0007\\u007f\\u009b');
    expect(terminalText('x\u2028y\u202eevil\u2066')).toBe('x\\u2028y\\u202eevil\\u2066');
    expect(terminalText('<script>alert("x")</script> café 👍')).toBe('<script>alert("x")</script> café 👍');
  });

  it('cuts to a width with an ellipsis, after escaping, never inside a character', () => {
    expect(terminalText('abcdefgh', 5)).toBe('abcd…');
    expect(terminalText('abcde', 5)).toBe('abcde');
    expect(terminalText('a\nbcdef', 4)).toBe('a\\n…');
    expect(terminalText('👍👍👍', 2)).toBe('👍…');
  });
});

describe('formatCsv', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180), CRLF after each record', () => {
    expect(
      formatCsv(
        ['a', 'b'],
        [
          ['plain', 'say "hi", then\nleave'],
          [1, null],
          [true, '\r'],
        ],
      ),
    ).toBe('a,b\r\nplain,"say ""hi"", then\nleave"\r\n1,\r\ntrue,"\r"\r\n');
    expect(formatCsv(['only'], [])).toBe('only\r\n');
  });
});
