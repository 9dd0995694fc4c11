import { D, type Dec, parseDecimal } from '../../../shared/money/decimal';
import type { ChargeDefinition, PriceTierDefinition } from './charge-definition';
import { assertValidChargeDefinition } from './charge-definition.validator';
import type { ChargeModel } from './charge-model';
import { FlatChargeModel } from './flat.charge-model';
import { GraduatedChargeModel } from './graduated.charge-model';
import { IncludedUnitsChargeModel } from './included-units.charge-model';
import { MinimumMaximumChargeModel } from './minimum-maximum.charge-model';
import { PackageChargeModel } from './package.charge-model';
import { PercentageChargeModel } from './percentage.charge-model';
import { PerUnitChargeModel } from './per-unit.charge-model';
import { ProratedAmountChargeModel } from './prorated-amount.charge-model';
import type { PriceTier } from './price-tier';
import { VolumeChargeModel } from './volume.charge-model';

export interface ChargeModelOptions {
  /** Share of the period the rated segment covers, in [0, 1]; prorates minimum and maximum. */
  readonly prorationFactor?: Dec;
  /** Prorate the amount itself too: for period fees (subscription, per room), not for usage. */
  readonly prorateAmount?: boolean;
}

/**
 * The model of a definition with its options wrapped around it: included units first (inside),
 * then proration of period fees, then minimum and maximum on the resulting amount. Throws an `invalid_charge_definition`
 * DomainError when the definition is invalid, and a RangeError for a factor outside [0, 1].
 */
export function buildChargeModel(
  definition: ChargeDefinition,
  options: ChargeModelOptions = {},
): ChargeModel {
  assertValidChargeDefinition(definition);
  let model = baseModel(definition);
  if (definition.included !== undefined) {
    model = new IncludedUnitsChargeModel(model, parseDecimal(definition.included));
  }
  if (options.prorateAmount === true && options.prorationFactor !== undefined) {
    model = new ProratedAmountChargeModel(model, options.prorationFactor);
  }
  if (definition.minimum !== undefined || definition.maximum !== undefined) {
    model = new MinimumMaximumChargeModel(model, {
      minimum: optionalDecimal(definition.minimum),
      maximum: optionalDecimal(definition.maximum),
      prorationFactor: options.prorationFactor ?? new D(1),
    });
  }
  return model;
}

function baseModel(definition: ChargeDefinition): ChargeModel {
  switch (definition.model) {
    case 'flat':
      return new FlatChargeModel(parseDecimal(definition.amount));
    case 'per_unit':
      return new PerUnitChargeModel(parseDecimal(definition.unitPrice));
    case 'graduated':
      return new GraduatedChargeModel(definition.tiers.map(priceTier));
    case 'volume':
      return new VolumeChargeModel(definition.tiers.map(priceTier));
    case 'package':
      return new PackageChargeModel(
        parseDecimal(definition.size),
        parseDecimal(definition.blockPrice),
      );
    case 'percentage':
      return new PercentageChargeModel(parseDecimal(definition.rate));
    default: {
      const unhandled: never = definition;
      throw new Error(`Unhandled charge model ${JSON.stringify(unhandled)}`);
    }
  }
}

function priceTier(tier: PriceTierDefinition): PriceTier {
  return {
    upTo: tier.upTo === null ? null : parseDecimal(tier.upTo),
    unitPrice: parseDecimal(tier.unitPrice),
    flatFee: tier.flatFee === undefined ? new D(0) : parseDecimal(tier.flatFee),
  };
}

function optionalDecimal(text: string | undefined): Dec | undefined {
  return text === undefined ? undefined : parseDecimal(text);
}
