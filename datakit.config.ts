// The example warehouse, so `npx datakit deploy --plan` works from the repository root.
export { default } from './examples/warehouse/datakit.config.js';
