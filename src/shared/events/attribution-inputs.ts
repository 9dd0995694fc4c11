/**
 * Published (and awaited) whenever something usage attribution depends on changes: the usage
 * module re-attributes what it affects before the change's request answers, so a quarantined
 * record is resolved as soon as its missing mapping is registered. (Changes of runs come in
 * batches of imports and are owed durably instead: see PendingRunReattributions.)
 */
export const ATTRIBUTION_INPUTS_CHANGED = 'attribution-inputs.changed';

export type AttributionInputsChanged =
  | { readonly kind: 'room_registered'; readonly roomId: string }
  | { readonly kind: 'room_transferred'; readonly roomId: string; readonly from: Date }
  | {
      readonly kind: 'identity_changed';
      readonly identityKind: 'account' | 'sharing_identifier' | 'principal';
      readonly value: string;
    }
  | { readonly kind: 'prices_changed'; readonly skuNames: readonly string[]; readonly from: Date }
  | { readonly kind: 'discount_changed'; readonly from: Date };
