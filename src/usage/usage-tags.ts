/** Metadata keys that carry usage tags: docsift's own, and the Extend surface's documented one. */
export const USAGE_TAG_KEYS = ['docsift:usage_tags', 'extend:usage_tags'] as const;

const MAX_TAGS = 20;
const MAX_TAG_LENGTH = 100;

/**
 * The usage tags of an extraction's metadata: strings of letters, digits, `-` and `_` (other
 * characters are removed, as Extend documents), deduplicated, at most 20 of 100 characters each.
 * Anything that isn't an array of strings is ignored: tags categorize usage, they never fail a run.
 */
export function usageTagsFromMetadata(metadata: unknown): string[] {
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return [];
  const tags = new Set<string>();
  for (const key of USAGE_TAG_KEYS) {
    const value = (metadata as Record<string, unknown>)[key];
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (typeof item !== 'string') continue;
      const tag = item.replace(/[^A-Za-z0-9_-]/g, '').slice(0, MAX_TAG_LENGTH);
      if (tag) tags.add(tag);
      if (tags.size >= MAX_TAGS) return [...tags];
    }
  }
  return [...tags];
}
