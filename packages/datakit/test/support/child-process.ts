import { spawn } from 'node:child_process';

/** How a child process ended, with everything it printed. */
export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the parent had to kill it after `timeoutMs`. */
  timedOut: boolean;
}

/** A running child: its pid, a way to wait for a line, and its outcome. */
export interface Child {
  pid: number;
  /** Resolves with the first stdout line that starts with `prefix` (rejects if the child exits first). */
  line(prefix: string): Promise<string>;
  outcome: Promise<ChildOutcome>;
  kill(signal?: NodeJS.Signals): void;
}

// A TypeScript test child imports the library's source, as Vitest does; the built CLI (`bin/*.js`)
// and the modules it loads must share the build: one copy of the library per process.
function sourceCondition(script: string): string[] {
  return script.endsWith('.ts') ? ['--conditions=datakit-source'] : [];
}

/**
 * Runs a TypeScript script with `node --import tsx` in its own process group, so a kill reaches
 * it whole; a child still running after `timeoutMs` is killed and reported as timed out.
 *
 * @example
 * ```ts
 * const child = runScript('test/transfer/transfer-child.ts', [JSON.stringify(spec)]);
 * await child.line('loading');
 * const { code, stdout } = await child.outcome;
 * ```
 */
export function runScript(
  script: string,
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Child {
  const child = spawn(process.execPath, [...sourceCondition(script), '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  const waiters: { prefix: string; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const hit = stdout.split('\n').find((l) => l.startsWith(w.prefix));
      if (hit !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    check();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const kill = (signal: NodeJS.Signals = 'SIGKILL') => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, options.timeoutMs ?? 90_000);
  const outcome = new Promise<ChildOutcome>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const w of waiters.splice(0))
        w.reject(new Error(`child exited (${code ?? signal}) before "${w.prefix}":\n${stdout}\n${stderr}`));
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
  return {
    pid: child.pid as number,
    line: (prefix) =>
      new Promise<string>((resolve, reject) => {
        waiters.push({ prefix, resolve, reject });
        check();
      }),
    outcome,
    kill,
  };
}

/** The JSON after `prefix` on a line of `stdout` (`RESULT {...}` / `ERROR {...}`), or undefined. */
export function jsonLine<T = Record<string, unknown>>(stdout: string, prefix: string): T | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(`${prefix} `));
  return line === undefined ? undefined : (JSON.parse(line.slice(prefix.length + 1)) as T);
}
