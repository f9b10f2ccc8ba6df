export { defineDatakit } from './contract/define-datakit.js';
export type { Datakit, DatakitDefinition, DriftPolicy, Layer, TableOptions, WriteDisposition } from './contract/define-datakit.js';
export { fromDrizzle, tableFamily } from './contract/from-drizzle.js';
export { defineConfig } from './config/define-config.js';
export type { DatakitConfig, EnvironmentConfig, LayerConfig, TransferConfig, WarehouseConfig, WarehouseLayer } from './config/define-config.js';
export { loadConfig, validateConfig } from './config/load-config.js';
export type { LoadedConfig } from './config/load-config.js';
export { selectEnvironment } from './config/select-environment.js';
export type { SelectedEnvironment } from './config/select-environment.js';
export { deployWarehouse } from './deploy/deploy-warehouse.js';
export type { DeployOptions, DeployResult } from './deploy/deploy-warehouse.js';
export type { DeployAction, DeployPlan, DeployStep } from './deploy/deploy-step.js';
export { planDeploy } from './deploy/plan-deploy.js';
export { desiredTables } from './deploy/desired-tables.js';
export { layerTable } from './deploy/layer-table.js';
export { connect, dialectFor } from './dialect/connect.js';
export type { Connection, QueryResult, StreamOptions } from './dialect/connection.js';
export type { Dialect, DialectAdapter, SqlFamily } from './dialect/dialect.js';
export type { DdlCompiler, TableRef } from './dialect/ddl-compiler.js';
export type { Introspector, IntrospectOptions } from './dialect/introspector.js';
export { parseConnectionUrl } from './dialect/parse-connection-url.js';
export type { ConnectionUrl } from './dialect/parse-connection-url.js';
export { DatakitError } from './errors/datakit-error.js';
export type { DatakitErrorCode, ErrorContext } from './errors/datakit-error.js';
export { parseSqlType } from './schema/parse-sql-type.js';
export type {
  CheckSchema,
  ColumnKind,
  ColumnSchema,
  ColumnType,
  ForeignKeySchema,
  IndexSchema,
  KeyConstraint,
  TableSchema,
} from './schema/table-schema.js';
export { reference, temporal, transactional } from './contract/audit-mixins.js';
export { tstzrange } from './contract/tstzrange.js';
export { defineTransform } from './transform/define-transform.js';
export type { Exact, LineageKey, Transform, TransformContext, TransformFn, TransformOutput } from './transform/define-transform.js';
export { LINEAGE_COLUMNS, lineageColumns } from './transfer/lineage-columns.js';
export { compileValidator } from './contract/compile-validator.js';
export type { RowValidator, ValidatedRow, ValidationFailure, ValidationMode, ValidatorOptions } from './contract/compile-validator.js';
export { datakitJsonSchema, toJsonSchema } from './contract/to-json-schema.js';
export type { JsonSchema, JsonSchemaOptions, JsonSchemaType } from './contract/to-json-schema.js';
export { transfer } from './transfer/transfer.js';
export type { DatakitInfo, TransferCounts, TransferOptions, TransferResult } from './transfer/transfer-options.js';
export type { TransferProgress } from './transfer/progress-reporter.js';
export type { RejectRecord, RejectStage } from './transfer/reject-collector.js';
export * from './drift/index.js';
export * from './introspect/index.js';
