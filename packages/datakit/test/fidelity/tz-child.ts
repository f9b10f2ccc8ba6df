// Run by tz.test.ts in a child process whose TZ is not UTC: the random-rows comparison from
// PostgreSQL into PostgreSQL and into PGlite, printed as one JSON line.
import { connect } from '../../src/dialect/connect.js';
import { randomRowsRoundTrip } from './random-rows.js';

const [sourceUrl, targetUrl, rows, seed] = process.argv.slice(2) as [string, string, string, string];
const source = await connect(sourceUrl);
const target = await connect(targetUrl);
const lite = await connect('pglite://memory');
try {
  const outcome = {
    tz: process.env.TZ,
    offsetMinutes: new Date(Date.UTC(2021, 0, 1)).getTimezoneOffset(),
    postgres: await randomRowsRoundTrip(source, target, Number(rows), Number(seed)),
    pglite: await randomRowsRoundTrip(source, lite, Number(rows), Number(seed)),
  };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
} finally {
  await Promise.all([source.close(), target.close(), lite.close()]);
}
