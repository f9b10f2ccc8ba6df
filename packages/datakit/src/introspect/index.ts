export type { GenerateDatakitOptions, GeneratedDatakit } from './generate-datakit.js';
export { generateDatakit } from './generate-datakit.js';
export type { IntrospectToDirectoryOptions, IntrospectToDirectoryResult } from './introspect-to-directory.js';
export { introspectToDirectory } from './introspect-to-directory.js';
export type { CodegenWarning } from './render-table.js';
