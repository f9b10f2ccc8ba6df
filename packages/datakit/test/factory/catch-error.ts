import { DatakitError } from '../../src/errors/datakit-error.js';

/** Runs `fn` and returns the DatakitError it throws; fails if it throws nothing or something else. */
export function catchError(fn: () => unknown): DatakitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatakitError) return error;
    throw error;
  }
  throw new Error('expected a DatakitError');
}
