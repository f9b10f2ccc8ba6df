import { describe } from 'vitest';
import { describeServer } from '../support/servers.js';
import { qualityTaskSuite } from './quality-task-suite.js';

describe('SQL transform and quality tasks [pglite]', () => qualityTaskSuite('pglite'));
await describeServer('postgres', 'SQL transform and quality tasks', () => qualityTaskSuite('postgres'));
