/**
 * Text Postgres can store: `text` and `jsonb` refuse U+0000, and jsonb refuses half of a
 * UTF-16 surrogate pair (what cutting a string in the wrong place, or a JSON escape like
 * "\ud800", leaves behind).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Whether `text` can be stored as it is. */
export function isStorableText(text: string): boolean {
  UNSTORABLE.lastIndex = 0;
  return !UNSTORABLE.test(text);
}

/** `text` with what Postgres cannot store replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, "\ufffd");
}
