/**
 * The fields of a system.billing.usage row that are read into columns of their own (dotted
 * paths into the nested export); whatever else a row holds goes to `extra`.
 */
export const READ_FIELDS = [
  'record_id',
  'record_type',
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
  'usage_metadata.central_clean_room_id',
  'usage_metadata.job_id',
  'usage_metadata.job_run_id',
  'identity_metadata.run_as',
  'billing_origin_product',
  'ingestion_date',
  'usage_type',
] as const;

export type ReadField = (typeof READ_FIELDS)[number];
