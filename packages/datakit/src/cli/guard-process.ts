import { DatakitError } from '../errors/datakit-error.js';
import type { CliIO } from './cli-io.js';

/**
 * The handle of {@link guardProcess}: call `settled()` once the command has returned its exit code.
 *
 * @example
 * ```ts
 * const guard: ProcessGuard = guardProcess(processIO, false);
 * guard.settled();
 * ```
 */
export interface ProcessGuard {
  settled(): void;
}

const RERUN =
  'Nothing half-done was committed (loads and deploys run in one transaction): run the command ' +
  'again, and report it with the command line if it repeats.';

/**
 * The last resort of the command line: a failure nobody awaited (an unhandled rejection, an
 * `'error'` event without a listener) or a command whose work never settled (Node would exit
 * silently with code 13) ends with a clear message on stderr (or JSON on stdout with `--json`)
 * and exit code 1, never a silent exit or a raw stack trace. A reader that closes the pipe early
 * (`datakit transfer --help | head -1`) ends the command quietly, keeping its exit code.
 *
 * @example
 * ```ts
 * const guard = guardProcess(processIO, argv.includes('--json'));
 * try { return await program.parseAsync(argv); } finally { guard.settled(); }
 * ```
 */
export function guardProcess(io: CliIO, json: boolean): ProcessGuard {
  let settled = false;
  let reported = false;
  const report = (body: { code: string; message: string; hint?: string }) => {
    if (reported) return;
    reported = true;
    if (json) io.out(JSON.stringify({ ok: false, error: body }, null, 2));
    else io.err(`error: ${body.message}${body.hint ? `\n  fix: ${body.hint}` : ''}`);
  };
  const fail = (error: unknown) => {
    // The reader closed the pipe (`datakit … | head`): nobody is left to tell, and that is not a failure.
    if (isBrokenPipe(error)) process.exit(process.exitCode ?? 0);
    if (error instanceof DatakitError) report(error.toJSON());
    else {
      const message = error instanceof Error ? error.message : String(error);
      report({
        code: 'INTERNAL',
        message: `Unexpected failure: ${message}`,
        hint: `This is a bug in datakit or a driver. ${RERUN}`,
      });
    }
    process.exit(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // The event loop ran dry while the command was still pending: nothing can settle it any more.
  process.on('beforeExit', () => {
    if (settled) return;
    report({
      code: 'INTERNAL',
      message: 'The command stopped before it finished: an operation was left waiting forever',
      hint: `A connection or stream never answered (a bug in datakit or a driver). ${RERUN}`,
    });
    process.exit(1);
  });
  return {
    settled: () => {
      settled = true;
    },
  };
}

function isBrokenPipe(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EPIPE';
}
