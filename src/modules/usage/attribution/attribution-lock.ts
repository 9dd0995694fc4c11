/**
 * Advisory lock between usage batches (shared: they run side by side) and re-attribution
 * (exclusive): a change to rooms, identities, prices, discounts or runs is applied to every row,
 * including rows of batches that were being written when the change was made.
 */
export const ATTRIBUTION_LOCK = 727_003;
