/** One owner of a room from `effectiveFrom` until the next ownership of the room starts. */
export interface Ownership {
  readonly customerId: string;
  readonly effectiveFrom: Date;
}

export interface OwnershipSpan extends Ownership {
  /** Exclusive; null while the ownership is the latest. */
  readonly effectiveTo: Date | null;
}

/** Orders a room's ownerships and closes each span where the next one begins. */
export function ownershipSpans(ownerships: readonly Ownership[]): OwnershipSpan[] {
  const ordered = [...ownerships].sort(
    (a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime(),
  );
  return ordered.map((ownership, i) => ({
    customerId: ownership.customerId,
    effectiveFrom: ownership.effectiveFrom,
    effectiveTo: ordered[i + 1]?.effectiveFrom ?? null,
  }));
}

/**
 * Who owned the room at `at`: the latest ownership that started at or before it. An instant
 * exactly at a handover belongs to the new owner; before the first ownership there is none.
 */
export function ownerAt(ownerships: readonly Ownership[], at: Date): string | null {
  let owner: Ownership | null = null;
  for (const ownership of ownerships) {
    const started = ownership.effectiveFrom.getTime() <= at.getTime();
    if (
      started &&
      (owner === null || ownership.effectiveFrom.getTime() > owner.effectiveFrom.getTime())
    ) {
      owner = ownership;
    }
  }
  return owner?.customerId ?? null;
}
