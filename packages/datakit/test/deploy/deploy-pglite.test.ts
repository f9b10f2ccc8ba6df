import { describe } from 'vitest';
import { connect } from '../../src/dialect/connect.js';
import { deploySuite } from './deploy-suite.js';

describe('deploy [pglite]', () => {
  deploySuite(() => connect('pglite://memory'));
});
