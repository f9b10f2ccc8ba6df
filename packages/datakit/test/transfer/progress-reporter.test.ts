import { describe, expect, it } from 'vitest';
import { ProgressReporter, type TransferProgress } from '../../src/transfer/progress-reporter.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = {
    isTTY,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { text: string };
}

const CLEAR = '\r\u001b[2K';
const counts = (read: number) => ({ read, loaded: read - 2, rejected: 1, dropped: 1 });

describe('ProgressReporter', () => {
  it('redraws one line with rows, rows/s and ETA on a TTY, then ends it with the summary', () => {
    const stream = fakeStream(true);
    const progress = new ProgressReporter({ name: 'crm.customer', terminal: true, stream, intervalMs: 0 });
    progress.estimate = 1000;
    progress.update(counts(500));
    expect(stream.text.startsWith(CLEAR)).toBe(true);
    expect(stream.text.slice(CLEAR.length)).toMatch(
      /^crm\.customer: 50% 500 rows, [\d,]+ rows\/s, ETA (\d+ ms|[\d.]+ s|\d+ min \d+ s)$/,
    );
    progress.finish(counts(1000));
    expect(stream.text).toContain(`${CLEAR}crm.customer: 1,000 read`);
    expect(stream.text).toMatch(
      /crm\.customer: 1,000 read, 998 loaded, 1 rejected, 1 dropped in (\d+ ms|[\d.]+ s|\d+ min \d+ s) \([\d,]+ rows\/s\)\n$/,
    );
  });

  it('writes only one summary line when stderr is not a TTY', () => {
    const stream = fakeStream(false);
    const progress = new ProgressReporter({ name: 'crm.customer', terminal: true, stream, intervalMs: 0 });
    progress.update(counts(10));
    progress.update(counts(20));
    progress.finish(counts(30));
    expect(stream.text.split('\n')).toEqual([
      expect.stringMatching(/^crm\.customer: 30 read, 28 loaded/),
      '',
    ]);
  });

  it('calls onProgress throttled, and once more when done', () => {
    const seen: TransferProgress[] = [];
    const progress = new ProgressReporter({
      name: 'x',
      terminal: false,
      onProgress: (p) => seen.push(p),
      intervalMs: 60_000,
    });
    progress.update(counts(10));
    progress.update(counts(20));
    progress.finish(counts(30));
    expect(seen.map((p) => [p.read, p.done])).toEqual([
      [10, false],
      [30, true],
    ]);
  });
});
