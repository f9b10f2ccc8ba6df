import { describe } from 'vitest';
import { InProcessExecutor } from '../../src/orchestration/execute/in-process-executor.js';
import { describeServer } from '../support/servers.js';
import { executorConformance } from './executor-conformance.js';

describe('in-process executor [pglite]', () => {
  executorConformance({
    name: 'in_process',
    store: 'pglite',
    createExecutor: (runtime) => new InProcessExecutor(runtime),
  });
});

await describeServer('postgres', 'in-process executor', () => {
  executorConformance({
    name: 'in_process',
    store: 'postgres',
    createExecutor: (runtime) => new InProcessExecutor(runtime),
  });
});
