import { describe } from 'vitest';
import { describeServer } from '../support/servers.js';
import { dimensionTaskSuite } from './dimension-task-suite.js';

describe('dimension tasks [pglite]', () => dimensionTaskSuite('pglite'));
await describeServer('postgres', 'dimension tasks', () => dimensionTaskSuite('postgres'));
