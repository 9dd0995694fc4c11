import { formatDecimal, type Dec } from '../../../shared/money/decimal';
import type { BilledInvoiceLine } from '../../invoicing/queries/billed-periods.reader';
import type { PricedEntry } from '../../pricing/subscriptions/plan-history-queries';
import type { CostCell } from '../domain/cost-cell';
import {
  categoryOf,
  chargeKindOf,
  frequencyOf,
  pricingUnitOf,
  publishedByDatabricks,
  skuMeterOf,
  triggerOfBasis,
} from './focus-charge';
import { periodColumns, type InvoiceContext, type RoomContext } from './focus-context';
import { placeOf, quantitiesOf, type RowPlace } from './focus-quantities';
import {
  DATABRICKS,
  DATABRICKS_SERVICE,
  focusDateTime,
  hourOf,
  keyValue,
  RUN_RESOURCE_TYPE,
  SUBCATEGORY_DATABRICKS,
  SUBCATEGORY_PARTNER,
  type FocusRow,
} from './focus-row';

const HOUR_MS = 3_600_000;

/**
 * One piece of an invoice line as a row (docs/focus.md §3–§5): the line's money on one usage cell,
 * partner run, room, or on the customer as a whole (`cell`: where the allocation put it).
 */
export function lineRow(
  invoice: InvoiceContext,
  room: RoomContext | null,
  line: BilledInvoiceLine,
  cell: CostCell,
  amount: Dec,
): FocusRow {
  const kind = chargeKindOf(line);
  const place = placeOf(cell);
  const databricks = publishedByDatabricks(line);
  const billed = formatDecimal(amount, invoice.scale);
  const quantities = quantitiesOf(line, place, room?.cells ?? []);
  const usage = categoryOf(kind) === 'Usage';
  const [chargeFrom, chargeTo] = chargePeriodOf(line, place);
  const run = place.level === 'cell' || place.level === 'run' ? runOf(place.cell) : null;
  const trigger = !usage ? null : (cell.trigger ?? triggerOfBasis(line.basis));
  const skuId =
    kind === 'correction'
      ? null
      : place.level === 'cell'
        ? `${line.chargeKey}/${place.cell.skuName}`
        : line.chargeKey;
  return {
    ...periodColumns(invoice),
    BilledCost: billed,
    ChargeCategory: categoryOf(kind),
    ChargeClass: kind === 'correction' ? 'Correction' : null,
    ChargeDescription: line.description,
    ChargeFrequency: frequencyOf(kind),
    ChargePeriodStart: focusDateTime(chargeFrom),
    ChargePeriodEnd: focusDateTime(chargeTo),
    ConsumedQuantity:
      usage && quantities.consumed !== null ? formatDecimal(quantities.consumed) : null,
    ConsumedUnit: usage ? pricingUnitOf(kind) : null,
    ContractedCost: billed,
    EffectiveCost: billed,
    InvoiceId: invoice.invoiceNumber,
    ListCost: databricks ? formatDecimal(quantities.listValue) : billed,
    PricingQuantity: quantities.pricing === null ? null : formatDecimal(quantities.pricing),
    PricingUnit: pricingUnitOf(kind),
    PublisherName: databricks ? DATABRICKS : invoice.names.providerName,
    ResourceId: run === null ? null : `${run.roomId}/runs/${run.runId}`,
    ResourceName: run?.notebookName ?? null,
    ResourceType: run === null ? null : RUN_RESOURCE_TYPE,
    ServiceName: databricks ? DATABRICKS_SERVICE : invoice.names.serviceName,
    ServiceSubcategory: databricks ? SUBCATEGORY_DATABRICKS : SUBCATEGORY_PARTNER,
    SkuId: skuId,
    SkuMeter: skuMeterOf(line),
    SkuPriceDetails:
      kind === 'correction'
        ? null
        : keyValue([
            ['ChargeBasis', line.basis],
            ['PricingModel', line.model],
          ]),
    SkuPriceId: skuId === null ? null : skuPriceIdOf(line, skuId, invoice.entries),
    SubAccountId: room?.roomId ?? null,
    SubAccountName: room === null ? null : room.name,
    Tags: keyValue([
      ['cleanroom/trigger', trigger],
      ['cleanroom/notebook', run?.notebookName ?? null],
      ['cleanroom/notebookEtag', run === null ? null : (room?.etags.get(run.runId) ?? null)],
    ]),
    x_InvoiceLineId: line.id,
    x_Trigger: trigger,
    x_CorrectsPeriod: line.correctsPeriod,
    x_CorrectsInvoiceId:
      line.correctsInvoiceId === null
        ? null
        : (invoice.correctedNumbers.get(line.correctsInvoiceId) ?? null),
  };
}

/** Usage rows: their hour; per-run rows: the hour the run started in; others: the line's segment. */
function chargePeriodOf(line: BilledInvoiceLine, place: RowPlace): [Date, Date] {
  if (place.level !== 'cell' && place.level !== 'run') return [line.segmentFrom, line.segmentTo];
  const hour = hourOf(place.cell.at);
  return [hour, new Date(hour.getTime() + HOUR_MS)];
}

function runOf(
  cell: CostCell,
): { roomId: string; runId: string; notebookName: string | null } | null {
  if (cell.runId === null || cell.roomId === null) return null;
  return { roomId: cell.roomId, runId: cell.runId, notebookName: cell.notebookName };
}

/**
 * `<plan version>/<SkuId>`, and `/<subscription entry>` when the customer's subscription in force
 * at the segment's start overrides the charge's price (a price of its own); null without a plan.
 */
function skuPriceIdOf(
  line: BilledInvoiceLine,
  skuId: string,
  entries: readonly PricedEntry[],
): string | null {
  if (line.planVersionId === null) return null;
  const base = `${line.planVersionId}/${skuId}`;
  const entry = entries.filter((candidate) => candidate.effectiveFrom <= line.segmentFrom).at(-1);
  if (entry === undefined || entry.planVersionId !== line.planVersionId) return base;
  const own =
    line.kind === 'overage'
      ? entry.capOverridden
      : entry.overriddenCharges.includes(line.chargeKey);
  return own ? `${base}/${entry.id}` : base;
}
