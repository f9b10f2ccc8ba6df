// The public API of `datakit-warehouse` (its command is `datakit`): an explicit list. Anything
// not named here is internal.
// Test-data factories are in their own entry point, `datakit-warehouse/testing`, so the CLI
// never loads faker.

export type { GenerateDatakitOptions, GeneratedDatakit } from './codegen/generate-datakit.js';
// Introspection
export { generateDatakit } from './codegen/generate-datakit.js';
export type {
  IntrospectToDirectoryOptions,
  IntrospectToDirectoryResult,
} from './codegen/introspect-to-directory.js';
export { introspectToDirectory } from './codegen/introspect-to-directory.js';
export type { CodegenWarning } from './codegen/render-table.js';
export type { CheckPipelines, LayerTables, WarehouseTableRef } from './config/check-pipelines.js';
export type {
  CheckedConfig,
  ColumnKey,
  DatakitConfig,
  EnvironmentConfig,
  LayerConfig,
  TransferConfig,
  TransferConfigOptions,
  WarehouseConfig,
  WarehouseLayer,
} from './config/define-config.js';
// Configuration
export { defineConfig } from './config/define-config.js';
export type { LoadedConfig } from './config/load-config.js';
export { loadConfig, validateConfig } from './config/load-config.js';
// Orchestration: pipelines, runs, schedules, backfills
export type {
  CatchupMode,
  CustomTaskConfig,
  DimensionTaskConfig,
  LayerTableOf,
  PipelineConfig,
  QualityTaskConfig,
  SqlTaskConfig,
  TableLayer,
  TaskConfig,
  TaskKind,
  TaskPolicy,
  TaskTableRef,
  TransferTaskConfig,
} from './config/pipeline-config.js';
export type { SelectedEnvironment } from './config/select-environment.js';
export { selectEnvironment } from './config/select-environment.js';
export type {
  TaskConnections,
  TaskContext,
  TaskFunction,
  TaskLogger,
  TaskResult,
  TaskRows,
} from './config/task-context.js';
export { reference, temporal, transactional } from './contract/audit-mixins.js';
export type {
  RowValidator,
  ValidatedRow,
  ValidationFailure,
  ValidationMode,
  ValidatorOptions,
} from './contract/compile-validator.js';
export { compileValidator } from './contract/compile-validator.js';
export type {
  Datakit,
  DatakitDefinition,
  DriftPolicy,
  Layer,
  TableOptions,
  WriteDisposition,
} from './contract/define-datakit.js';
// Contracts
export { defineDatakit } from './contract/define-datakit.js';
export type {
  Exact,
  LineageKey,
  Transform,
  TransformContext,
  TransformFn,
  TransformOutput,
} from './contract/define-transform.js';
// Transforms
export { defineTransform } from './contract/define-transform.js';
export { fromDrizzle, tableFamily } from './contract/from-drizzle.js';
export { LINEAGE_COLUMNS, lineageColumns } from './contract/lineage-columns.js';
export type { JsonSchema, JsonSchemaOptions, JsonSchemaType } from './contract/to-json-schema.js';
export { datakitJsonSchema, toJsonSchema } from './contract/to-json-schema.js';
export { tstzrange } from './contract/tstzrange.js';
export type { DeployOptions, DeployResult } from './deploy/deploy-warehouse.js';
// Deploy
export { deployWarehouse } from './deploy/deploy-warehouse.js';
export { planDeploy } from './deploy/plan-deploy.js';
// Databases
export { connect, dialectFor } from './dialect/connect.js';
export type { Connection, Dialect, QueryResult, StreamOptions } from './dialect/connection.js';
export type { DdlCompiler, TableRef } from './dialect/ddl-compiler.js';
export type { DialectAdapter, SqlFamily } from './dialect/dialect-adapter.js';
export type { DialectFamily } from './dialect/dialect-family.js';
export type { IntrospectOptions, Introspector } from './dialect/introspector.js';
export type { ConnectionUrl } from './dialect/parse-connection-url.js';
export { parseConnectionUrl } from './dialect/parse-connection-url.js';
export { parseSqlType } from './dialect/parse-sql-type.js';
export type { DriftDecision, DriftOutcome } from './drift/apply-drift-policy.js';
// Drift and contract versions
export { applyDriftPolicy } from './drift/apply-drift-policy.js';
export { assertNoBreakingDrift } from './drift/assert-no-breaking-drift.js';
export type { CheckBreakingInput } from './drift/check-breaking.js';
export { checkBreaking, loadOlderDatakit } from './drift/check-breaking.js';
export type {
  CheckDriftInput,
  DriftCheckResult,
  DriftCheckTable,
  TableDriftResult,
} from './drift/check-drift.js';
export { checkDrift } from './drift/check-drift.js';
export type { ChangeClassification, ChangeRole, ChangeSeverity } from './drift/classify-change.js';
export { classifyChange, DRIFT_FIXES } from './drift/classify-change.js';
export type { ContractChange, ContractComparison, DatakitSnapshot } from './drift/compare-datakits.js';
export { bumpFor, compareDatakits } from './drift/compare-datakits.js';
export type { DeployAction, DeployPlan, DeployStep } from './drift/deploy-step.js';
export type { DriftChange, DriftReport, DriftRole, DriftSeverity } from './drift/diff-table.js';
export { diffTable } from './drift/diff-table.js';
export { formatContractComparison } from './drift/format-contract-comparison.js';
export { formatDriftReport } from './drift/format-drift-report.js';
export type { ChangedTable, SchemaChange, SchemaChangeKind } from './drift/schema-change.js';
export type { SemverBump } from './drift/semver-bump.js';
export type { DatakitErrorCode, ErrorContext } from './errors/datakit-error.js';
// Errors
export { DatakitError } from './errors/datakit-error.js';
// Text for people, as the CLI prints it
export { formatDuration } from './format/format-duration.js';
export { formatNumber } from './format/format-number.js';
export { formatTable } from './format/format-table.js';
export type { DateDimension } from './gold/date-dimension.js';
export { dateDimensionColumns, defineDateDimension } from './gold/date-dimension.js';
export type { DeleteMode, DimensionSpec, Scd2Dimension } from './gold/define-dimension.js';
export { defineDimension } from './gold/define-dimension.js';
export type { FactSpec } from './gold/define-fact.js';
export { defineFact } from './gold/define-fact.js';
export type { Scd2Column } from './gold/dimension-columns.js';
export { SCD2_COLUMNS, scd2Columns, surrogateKey } from './gold/dimension-columns.js';
export type { DimensionRef } from './gold/dimension-ref.js';
export type { Lookup, LookupKey } from './gold/lookup.js';
export { lookup } from './gold/lookup.js';
export type { DimensionResult, RunDimensionOptions } from './gold/run-dimension.js';
export type { BackfillStep, Reprocess } from './orchestration/backfill/plan-backfill.js';
export { planBackfill } from './orchestration/backfill/plan-backfill.js';
export type { BackfillOptions } from './orchestration/backfill/run-backfill.js';
export { runBackfill } from './orchestration/backfill/run-backfill.js';
export type {
  CheckWarehouseOptions,
  CheckWarehouseResult,
  WarehouseCheck,
} from './orchestration/check-warehouse.js';
export { checkWarehouse } from './orchestration/check-warehouse.js';
export { compilePipeline, compilePipelineConfig } from './orchestration/dag/compile-pipeline.js';
export { compileTransfers, TRANSFER_PIPELINE } from './orchestration/dag/compile-transfers.js';
export type {
  CompiledPipeline,
  CompiledTask,
  ResolvedPolicy,
} from './orchestration/dag/compiled-pipeline.js';
export type { ConnectionEndpoints } from './orchestration/execute/attempt-connections.js';
export type { AttemptOutcome, Executor, ReadyTask } from './orchestration/execute/executor.js';
export { InProcessExecutor } from './orchestration/execute/in-process-executor.js';
export { runAttempt } from './orchestration/execute/run-attempt.js';
export type { RunProgressEvent } from './orchestration/execute/run-events.js';
export type { RunPipelineOptions, RunResult } from './orchestration/execute/run-pipeline.js';
export { runPipeline } from './orchestration/execute/run-pipeline.js';
export type { TaskRuntime } from './orchestration/execute/task-runtime.js';
export type { RunTransfersOptions, TransferOutcome, TransfersRun } from './orchestration/run-transfers.js';
export { runTransfers } from './orchestration/run-transfers.js';
export type { SchedulerEvent, SchedulerOptions } from './orchestration/schedule/run-scheduler.js';
export { runScheduler } from './orchestration/schedule/run-scheduler.js';
export { Schedule } from './orchestration/schedule/schedule-ticks.js';
export type { TransferHooks } from './orchestration/tasks/transfer-hooks.js';
export { acceptedValuesCheck } from './quality/accepted-values-check.js';
export type { ContractCheckOptions } from './quality/contract-checks.js';
export { contractChecks } from './quality/contract-checks.js';
export { freshnessCheck } from './quality/freshness-check.js';
export { notNullCheck } from './quality/not-null-check.js';
export type { CheckKind, CheckOptions, CheckQuery, QualityCheck, Severity } from './quality/quality-check.js';
export { relationshipCheck } from './quality/relationship-check.js';
export type { RowCountOptions } from './quality/row-count-check.js';
export { rowCountCheck } from './quality/row-count-check.js';
export type { CheckResult, CheckRun, RunChecksOptions } from './quality/run-checks.js';
export { runChecks } from './quality/run-checks.js';
export { sqlCheck } from './quality/sql-check.js';
export type { Threshold } from './quality/threshold.js';
export { crosses, parseThreshold } from './quality/threshold.js';
export { uniqueCheck } from './quality/unique-check.js';
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
export { countDistinct, countRows, total } from './sql-transform/aggregates.js';
export { castTo } from './sql-transform/cast-to.js';
export type { CheckedSelect, SelectMapError, TargetRow } from './sql-transform/checked-select.js';
export { coalesce } from './sql-transform/coalesce.js';
export type { CompileContext, CompiledTransform } from './sql-transform/compile-transform.js';
export type { Statement } from './sql-transform/compile-write.js';
export type { SqlTransform, SqlTransformSpec, TransformRule } from './sql-transform/define-sql-transform.js';
// Silver and gold: typed SQL transforms, quality checks, dimensions and facts
export { defineSqlTransform } from './sql-transform/define-sql-transform.js';
export type { Expression, ExpressionValue } from './sql-transform/expression-value.js';
export type { TableOf, TableSource } from './sql-transform/in-layer.js';
export { InLayer, inLayer } from './sql-transform/in-layer.js';
export type { Join, JoinKind, LeftJoinedNames } from './sql-transform/join.js';
export { innerJoin, leftJoin } from './sql-transform/join.js';
export type { PlaceOptions, PlaceTable, TableAddress, TableToPlace } from './sql-transform/resolve-table.js';
export { placedName, placeTable } from './sql-transform/resolve-table.js';
export type { RunTransformOptions, SqlTransformResult } from './sql-transform/run-transform-plan.js';
export { logicalTime, RunValue, runLoadId } from './sql-transform/run-value.js';
export { standardize } from './sql-transform/standardize.js';
export type { KeepNull } from './sql-transform/text-expressions.js';
export { lower, nullIfBlank, trim, upper } from './sql-transform/text-expressions.js';
export type { ColumnLineage, SourceColumn, TransformLineage } from './sql-transform/transform-lineage.js';
export type { SqlDisposition } from './sql-transform/transform-plan.js';
export { markAbandonedLoads } from './store/loads/mark-abandoned-loads.js';
export type { StoreMigrationResult } from './store/migrate-store.js';
// The run store
export { LATEST_STORE_VERSION, migrateStore, STORE_LOCK } from './store/migrate-store.js';
export type { StoreMigration } from './store/migrations.js';
export { MIGRATIONS } from './store/migrations.js';
export type { RejectCount } from './store/runs/count-rejects.js';
export { countRejects } from './store/runs/count-rejects.js';
export type { RunEvent } from './store/runs/get-run.js';
export { getRun } from './store/runs/get-run.js';
export type { CheckRunRecord } from './store/runs/list-check-runs.js';
export { listCheckRuns } from './store/runs/list-check-runs.js';
export type { RunFilter } from './store/runs/list-runs.js';
export { listRuns } from './store/runs/list-runs.js';
export type { StoredCheckResult } from './store/runs/read-check-results.js';
export { readCheckResults } from './store/runs/read-check-results.js';
export type { LineageColumn, LineageTable, TaskLineage } from './store/runs/read-lineage.js';
export { readLineage } from './store/runs/read-lineage.js';
export type { RunLoad } from './store/runs/read-run-loads.js';
export { readRunLoads } from './store/runs/read-run-loads.js';
export { reapExpired } from './store/runs/reap-expired.js';
export type {
  RunKey,
  RunRecord,
  RunState,
  RunTrigger,
  TaskRunRecord,
  TaskState,
} from './store/runs/run-record.js';
export type { StoreSchema } from './store/store-schema.js';
export { compileStoreSchema, DEFAULT_STORE_SCHEMA, RUN_STORE_SCHEMA } from './store/store-schema.js';
export { storeVersion } from './store/store-version.js';
export type { TransferProgress } from './transfer/progress-reporter.js';
export type { RejectRecord, RejectStage } from './transfer/reject-collector.js';
export { DEFAULT_MAX_REJECTS } from './transfer/resolve-transfer.js';
export { rowsPerSecond } from './transfer/rows-per-second.js';
// Transfers
export { transfer } from './transfer/transfer.js';
export type {
  DatakitInfo,
  TransferCounts,
  TransferDriftOptions,
  TransferOptions,
  TransferResult,
} from './transfer/transfer-options.js';
export type { TableLocation } from './warehouse/locate-table.js';
// The warehouse plan
export { locateTable } from './warehouse/locate-table.js';
export type { PlacedLayerTable, PlacedSourceTable, PlacedTable } from './warehouse/placed-table.js';
export type { PlannedTransfer } from './warehouse/plan-transfers.js';
export { planTransfers } from './warehouse/plan-transfers.js';
export type { WarehousePlan } from './warehouse/plan-warehouse.js';
export { planWarehouse } from './warehouse/plan-warehouse.js';
export type { PlanTableRef } from './warehouse/table-placements.js';
export type { WarehouseConnections } from './warehouse/transfer-options-for.js';
export { sourceConnection, transferOptionsFor } from './warehouse/transfer-options-for.js';
export type { TransferLine, TransferSummary } from './warehouse/transfer-summary.js';
export { formatTransferTable, summarizeTransfers, transferLine } from './warehouse/transfer-summary.js';
