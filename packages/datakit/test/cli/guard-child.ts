// Run by guard-process.test.ts in a child process: installs the CLI's last-resort guard, then
// fails in the way named by the argument, without ever settling the "command".

import { EventEmitter } from 'node:events';
import { processIO } from '../../src/cli/cli-context.js';
import { guardProcess } from '../../src/cli/guard-process.js';
import { DatakitError } from '../../src/errors/datakit-error.js';

const [how, json] = process.argv.slice(2);
guardProcess(processIO, json === 'json');
if (how === 'unsettled') await new Promise(() => {});
if (how === 'rejection') {
  void Promise.reject(
    new DatakitError('CONNECTION', 'Lost the connection to postgres://etl@db:5432/dw: reset', {
      hint: 'run it again',
    }),
  );
  await new Promise(() => {});
}
if (how === 'error-event') {
  setTimeout(() => new EventEmitter().emit('error', new Error('Connection terminated unexpectedly')), 10);
  await new Promise(() => {});
}
