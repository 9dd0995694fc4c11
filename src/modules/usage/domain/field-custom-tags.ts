import { type FieldReader, isBlank, isPlainObject } from './field-access';
import { reject } from './field-rejection';

/**
 * `custom_tags`, a map<string,string>: an object in JSON exports, JSON text in CSV ('{}',
 * '{"team":"x"}'). Absent means no tags. Values are coerced to strings (numbers and booleans
 * as printed, objects and lists as JSON); a null or '' value means the tag is not set and is
 * left out, as '' is null elsewhere. Anything but an object, or text that is not a JSON
 * object, is `invalid_custom_tags`.
 */
export function readCustomTags(fields: FieldReader, path: string): Record<string, string> {
  return customTagsOf(fields.take(path), path);
}

/** The tags of one value of `custom_tags` (see readCustomTags). */
export function customTagsOf(value: unknown, path: string): Record<string, string> {
  if (isBlank(value)) return {};
  const tags = typeof value === 'string' ? parseJsonObject(value, path) : value;
  if (!isPlainObject(tags)) return invalid(path);
  const entries: [string, string][] = [];
  for (const [key, tag] of Object.entries(tags)) {
    if (!isBlank(tag)) entries.push([key, tagText(tag)]);
  }
  // fromEntries defines own properties, so a tag named '__proto__' stays a tag.
  return Object.fromEntries(entries);
}

function parseJsonObject(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalid(path);
  }
}

function tagText(tag: unknown): string {
  if (typeof tag === 'string') return tag;
  if (typeof tag === 'number' || typeof tag === 'boolean' || typeof tag === 'bigint') {
    return String(tag);
  }
  return JSON.stringify(tag);
}

function invalid(path: string): never {
  return reject('invalid_custom_tags', path, `${path} must be an object of tag names to values`);
}
