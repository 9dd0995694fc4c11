import { Positioned } from './ingest-outcome';

export interface KeyedItem<T> extends Positioned<T> {
  readonly key: string;
  readonly hash: string;
}

export interface SplitBatch<I> {
  /** First occurrence of each key, in order. */
  readonly unique: I[];
  /** Later occurrences with the same content as the first. */
  readonly repeated: I[];
  /** Later occurrences with other content, with the first one's hash. */
  readonly clashing: { item: I; firstHash: string }[];
}

/** Within one batch the first occurrence of a key wins, as it would across batches. */
export function splitByKey<I extends { readonly key: string; readonly hash: string }>(
  items: readonly I[],
): SplitBatch<I> {
  const first = new Map<string, I>();
  const split: SplitBatch<I> = { unique: [], repeated: [], clashing: [] };
  for (const item of items) {
    const earlier = first.get(item.key);
    if (!earlier) {
      first.set(item.key, item);
      split.unique.push(item);
    } else if (earlier.hash === item.hash) {
      split.repeated.push(item);
    } else {
      split.clashing.push({ item, firstHash: earlier.hash });
    }
  }
  return split;
}
