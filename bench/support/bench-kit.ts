// What every benchmark here shares: its command line, the median of repeated runs, number
// formatting, statements on an admin connection, and a timed child process of itself.
import { spawn } from 'node:child_process';
import { connect } from '../../packages/datakit/src/dialect/connect.js';

const args = process.argv.slice(2);

/** `--name` was given. */
export const flag = (name: string): boolean => args.includes(`--${name}`);

/** The number after `--name`, or `fallback`. */
export const option = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

/** The text after `--name`, if given. */
export const textOption = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

export const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Runs `statements` in order on a connection of its own. */
export async function sql(url: string, statements: string[]): Promise<void> {
  const conn = await connect(url);
  try {
    for (const s of statements) await conn.query(s);
  } finally {
    await conn.close();
  }
}

/** Runs `script --child` in a fresh process (a cold start, its own heap) and parses its last stdout line. */
export function runChild<T>(script: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, '--child'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() as string) as T)
        : reject(new Error(`child exited ${code}`)),
    );
  });
}
