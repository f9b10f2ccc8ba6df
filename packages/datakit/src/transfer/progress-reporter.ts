import { formatDuration } from '../format/format-duration.js';
import { formatNumber } from '../format/format-number.js';
import { rowsPerSecond as rowsPerSecondOf } from './rows-per-second.js';

/**
 * A progress sample of a running transfer.
 *
 * @example
 * ```ts
 * const p: TransferProgress = { name: 'system-a.customer', read: 5000, loaded: 4990, rejected: 10, dropped: 0,
 *   elapsedMs: 1000, rowsPerSecond: 5000, estimatedTotal: 100000, etaMs: 19000, done: false };
 * ```
 */
export interface TransferProgress {
  name: string;
  read: number;
  loaded: number;
  rejected: number;
  dropped: number;
  elapsedMs: number;
  rowsPerSecond: number;
  /** Approximate source rows, when the catalog knows. */
  estimatedTotal?: number;
  etaMs?: number;
  done: boolean;
}

/**
 * Where progress goes: a callback, and/or the terminal. @internal
 *
 * @example
 * ```ts
 * const options: ProgressOptions = { name: 'crm.customer', terminal: process.stderr.isTTY, onProgress: console.log };
 * ```
 */
export interface ProgressOptions {
  name: string;
  onProgress?: (progress: TransferProgress) => void;
  /** Draw on stderr: a live line on a TTY, one summary line otherwise. */
  terminal: boolean;
  stream?: NodeJS.WriteStream;
  intervalMs?: number;
}

/**
 * Throttled progress: calls `onProgress` and redraws the terminal line at most every
 * `intervalMs` (250 ms), plus once at the end.
 *
 * @example
 * ```ts
 * const progress = new ProgressReporter({ name: 'customer', terminal: true });
 * progress.update({ read: 1000, loaded: 1000, rejected: 0, dropped: 0 });
 * progress.finish({ read: 1000, loaded: 1000, rejected: 0, dropped: 0 });
 * ```
 * @internal
 */
export class ProgressReporter {
  readonly #options: ProgressOptions;
  readonly #started = performance.now();
  readonly #stream: NodeJS.WriteStream;
  #last = Number.NEGATIVE_INFINITY;
  #estimate: number | undefined;
  #drawn = false;

  constructor(options: ProgressOptions) {
    this.#options = options;
    this.#stream = options.stream ?? process.stderr;
  }

  set estimate(total: number | undefined) {
    this.#estimate = total;
  }

  update(counts: Pick<TransferProgress, 'read' | 'loaded' | 'rejected' | 'dropped'>): void {
    const now = performance.now();
    if (now - this.#last < (this.#options.intervalMs ?? 250)) return;
    this.#last = now;
    this.#emit(counts, false);
  }

  /** The last sample; `elapsedMs` is the load's own duration, so the line says what its result says. */
  finish(
    counts: Pick<TransferProgress, 'read' | 'loaded' | 'rejected' | 'dropped'>,
    summary?: string,
    elapsedMs?: number,
  ): void {
    const progress = this.#emit(counts, true, elapsedMs);
    if (!this.#options.terminal) return;
    const line =
      summary ??
      `${this.#options.name}: ${formatNumber(progress.read)} read, ${formatNumber(progress.loaded)} loaded, ${formatNumber(progress.rejected)} rejected, ` +
        `${formatNumber(progress.dropped)} dropped in ${formatDuration(progress.elapsedMs)} (${formatNumber(progress.rowsPerSecond)} rows/s)`;
    this.#stream.write(this.#stream.isTTY && this.#drawn ? `\r\x1b[2K${line}\n` : `${line}\n`);
  }

  #emit(
    counts: Pick<TransferProgress, 'read' | 'loaded' | 'rejected' | 'dropped'>,
    done: boolean,
    elapsed?: number,
  ): TransferProgress {
    const elapsedMs = elapsed ?? performance.now() - this.#started;
    const rowsPerSecond = elapsedMs > 0 ? rowsPerSecondOf(counts.read, elapsedMs) : 0;
    const total = this.#estimate;
    const progress: TransferProgress = {
      name: this.#options.name,
      ...counts,
      elapsedMs,
      rowsPerSecond,
      ...(total === undefined ? {} : { estimatedTotal: total }),
      ...(total !== undefined && rowsPerSecond > 0 && !done
        ? { etaMs: (Math.max(0, total - counts.read) * 1000) / rowsPerSecond }
        : {}),
      done,
    };
    this.#options.onProgress?.(progress);
    if (this.#options.terminal && this.#stream.isTTY && !done) {
      const pct = total ? ` ${Math.min(100, Math.floor((counts.read * 100) / total))}%` : '';
      const eta = progress.etaMs === undefined ? '' : `, ETA ${formatDuration(progress.etaMs)}`;
      this.#stream.write(
        `\r\x1b[2K${this.#options.name}:${pct} ${formatNumber(counts.read)} rows, ${formatNumber(rowsPerSecond)} rows/s${eta}`,
      );
      this.#drawn = true;
    }
    return progress;
  }
}
