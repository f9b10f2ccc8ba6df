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
export type {
  CatchupMode,
  CustomTaskConfig,
  PipelineConfig,
  TableLayer,
  TaskConfig,
  TaskKind,
  TaskPolicy,
  TaskTableRef,
  TransferTaskConfig,
} from './orchestration/pipeline-config.js';
export type { TaskConnections, TaskContext, TaskFunction, TaskLogger, TaskResult, TaskRows } from './orchestration/task-context.js';
export type { CheckPipelines, LayerTables, WarehouseTableRef } from './orchestration/check-pipelines.js';
export { compilePipeline } from './orchestration/dag/compile-pipeline.js';
export type { CompiledPipeline, CompiledTask, ResolvedPolicy } from './orchestration/dag/compiled-pipeline.js';
export { runPipeline } from './orchestration/execute/run-pipeline.js';
export type { RunPipelineOptions, RunResult } from './orchestration/execute/run-pipeline.js';
export type { RunProgressEvent } from './orchestration/execute/run-events.js';
export type { AttemptOutcome, Executor, ReadyTask } from './orchestration/execute/executor.js';
export { InProcessExecutor } from './orchestration/execute/in-process-executor.js';
export { runAttempt } from './orchestration/execute/run-attempt.js';
export type { TaskRuntime } from './orchestration/execute/task-runtime.js';
export type { ConnectionEndpoints } from './orchestration/execute/attempt-connections.js';
export { runScheduler } from './orchestration/schedule/run-scheduler.js';
export type { SchedulerEvent, SchedulerOptions } from './orchestration/schedule/run-scheduler.js';
export { Schedule } from './orchestration/schedule/schedule-ticks.js';
export { planBackfill } from './orchestration/backfill/plan-backfill.js';
export type { BackfillStep, Reprocess } from './orchestration/backfill/plan-backfill.js';
export { runBackfill } from './orchestration/backfill/run-backfill.js';
export type { BackfillOptions } from './orchestration/backfill/run-backfill.js';
export { getRun, listRuns } from './orchestration/store/read-runs.js';
export type { RunEvent, RunFilter } from './orchestration/store/read-runs.js';
export { reapExpired } from './orchestration/store/reap-expired.js';
export type { RunKey, RunRecord, RunState, RunTrigger, TaskRunRecord, TaskState } from './orchestration/store/run-record.js';
export { migrateStore, storeVersion } from './store/migrate-store.js';
export { MIGRATIONS } from './store/migrations.js';
export type { StoreMigration } from './store/migrations.js';
