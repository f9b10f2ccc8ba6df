/**
 * Where a command writes: human text on stdout/stderr, or one JSON document on stdout.
 *
 * @example
 * ```ts
 * const io: CliIO = { out: console.log, err: console.error, cwd: process.cwd() };
 * ```
 */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

/**
 * The default IO: the process's streams and working directory.
 *
 * @example
 * ```ts
 * processIO.out('Deployed 12 tables');
 * ```
 */
export const processIO: CliIO = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  cwd: process.cwd(),
};
