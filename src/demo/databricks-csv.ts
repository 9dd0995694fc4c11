/**
 * The CSV shapes Databricks writes for the three system tables the service ingests, as in
 * Databricks' sample exports, test/fixtures/databricks/ (nested struct fields flattened to dotted names). The demo and the
 * benchmarks generate their exports in these shapes.
 */
export const USAGE_CSV_HEADER = [
  'record_id',
  'account_id',
  'workspace_id',
  'sku_name',
  'cloud',
  'usage_start_time',
  'usage_end_time',
  'usage_date',
  'custom_tags',
  'usage_unit',
  'usage_quantity',
  'usage_metadata.cluster_id',
  'usage_metadata.warehouse_id',
  'usage_metadata.job_id',
  'usage_metadata.job_run_id',
  'usage_metadata.notebook_id',
  'usage_metadata.notebook_path',
  'usage_metadata.central_clean_room_id',
  'usage_metadata.budget_policy_id',
  'identity_metadata.run_as',
  'identity_metadata.owned_by',
  'identity_metadata.created_by',
  'record_type',
  'ingestion_date',
  'billing_origin_product',
  'product_features.is_serverless',
  'product_features.performance_target',
  'usage_type',
];

/** system.access.clean_room_events, with the run metadata of STARTED and COMPLETED events. */
export const EVENTS_CSV_HEADER = [
  'account_id',
  'metastore_id',
  'event_id',
  'clean_room_name',
  'central_clean_room_id',
  'initiator_global_metastore_id',
  'initiator_collaborator_alias',
  'event_time',
  'event_type',
  'run_notebook_started_metadata.notebook_name',
  'run_notebook_started_metadata.run_id',
  'run_notebook_completed_metadata.run_id',
  'run_notebook_completed_metadata.state',
  'run_notebook_completed_metadata.duration_in_seconds',
];

export const LIST_PRICES_CSV_HEADER = [
  'price_start_time',
  'price_end_time',
  'account_id',
  'sku_name',
  'cloud',
  'currency_code',
  'usage_unit',
  'pricing.default',
  'pricing.promotional.default',
  'pricing.effective_list.default',
];

/** One CSV line, quoting only the values that need it (as Databricks' export does). */
export function csvLine(values: readonly string[]): string {
  return values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

/** A whole CSV file: the header, then one line per row, each ending with a newline. */
export function csvText(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.join(',')];
  for (const row of rows) lines.push(csvLine(row));
  return `${lines.join('\n')}\n`;
}
