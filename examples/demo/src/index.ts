// What `npx datakit demo` loads: the demo is a user of datakit's public API (`datakit-warehouse`,
// `datakit-warehouse/testing`) and of the example warehouse, like any project of one's own.
export type { AppliedDemoChanges } from './apply-demo-changes.js';
export type { DataDirAction, DemoLocations } from './demo-locations.js';
export type { SeededBadRow } from './demo-rows.js';
export type { CustomerHistory, CustomerVersion, DemoRunSummary, LayerCount } from './demo-run-summary.js';
export { DEFAULT_DEMO_ROWS, type DemoSizes, demoSizes, MIN_DEMO_ROWS } from './demo-sizes.js';
export { formatDemoRun } from './format-demo-run.js';
export { formatDemoSummary } from './format-demo-summary.js';
export { type DemoOptions, type DemoSummary, runDemo } from './run-demo.js';
export { DEMO_PIPELINE, type LayerTaskLine } from './run-demo-pipeline.js';
export type { SeededTable } from './seed-demo-sources.js';
