// Test-data factories live in their own entry point (`datakit-warehouse/testing`) so the CLI does
// not load faker.

export type { GraphOptions, GraphRows } from './factory/build-graph.js';
export { buildGraph } from './factory/build-graph.js';
export type { BuildOptions, OverrideFunction, Overrides, RowOf } from './factory/build-options.js';
export { DEFAULT_NOW } from './factory/build-options.js';
export type { ChangeEvent, ChangeKind, ChangeSet, ChangesOptions } from './factory/changes.js';
export { changes } from './factory/changes.js';
export type { Factory } from './factory/factory.js';
export { factory } from './factory/factory.js';
export type { Sequence } from './factory/sequence.js';
export { sequence } from './factory/sequence.js';
