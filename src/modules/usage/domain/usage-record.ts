/**
 * One row of Databricks `system.billing.usage`, normalised: the fields this service reads get
 * their own place, everything else (unknown columns, other struct fields) is kept in `extra`,
 * nested as in Databricks' JSON export.
 */
export interface UsageRecord {
  readonly recordId: string;
  /** ORIGINAL, RETRACTION or RESTATEMENT (upper case; other values are kept as sent). */
  readonly recordType: string;
  readonly accountId: string | null;
  readonly workspaceId: string | null;
  readonly skuName: string;
  /** Upper case: AWS, AZURE, GCP. */
  readonly cloud: string;
  readonly usageStartTime: Date;
  readonly usageEndTime: Date;
  /** YYYY-MM-DD, as exported (may be null). */
  readonly usageDate: string | null;
  readonly customTags: Readonly<Record<string, string>>;
  readonly usageUnit: string;
  /** Signed decimal string that fits numeric(38,18), e.g. "-0.6134". */
  readonly usageQuantity: string;
  /** usage_metadata.central_clean_room_id, lower case. */
  readonly roomId: string | null;
  readonly jobId: string | null;
  readonly jobRunId: string | null;
  /** identity_metadata.run_as, lower case. */
  readonly runAs: string | null;
  readonly billingOriginProduct: string | null;
  /** YYYY-MM-DD. */
  readonly ingestionDate: string | null;
  readonly usageType: string | null;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** Why a record was refused, with the field at fault. */
export interface RecordRejection {
  readonly code: string;
  readonly field: string | null;
  readonly message: string;
  /** The id to report, when the record was read far enough to know it (else the raw one). */
  readonly recordId?: string;
}

export type Normalized<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly rejection: RecordRejection };
