/*
 * PostgreSQL stores neither a NUL character (text and jsonb refuse it) nor an unpaired UTF-16
 * surrogate, which a JSON body can carry as "\ud800": it would reach the database changed to
 * U+FFFD (two different ids becoming one) or be refused inside jsonb, failing the whole batch. A
 * row holding either is refused on its own, naming the field (see text-problems.ts).
 */

/** Whether `text` holds no unpaired surrogate. */
export const isWellFormed = (text: string) =>
  (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Whether PostgreSQL can store `text` exactly as it is. */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && isWellFormed(text);
