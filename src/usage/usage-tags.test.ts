import { describe, expect, it } from 'vitest';
import { usageTagsFromMetadata } from './usage-tags.js';

describe('usageTagsFromMetadata', () => {
  it('reads docsift and Extend tags, strips special characters and deduplicates', () => {
    const tags = usageTagsFromMetadata({ 'docsift:usage_tags': ['prod', 'team eng!', 'prod'], 'extend:usage_tags': ['customer-123', 'a_b'] });
    expect(tags).toEqual(['prod', 'teameng', 'customer-123', 'a_b']);
  });

  it('ignores anything that is not an array of strings', () => {
    expect(usageTagsFromMetadata(null)).toEqual([]);
    expect(usageTagsFromMetadata({ 'docsift:usage_tags': 'prod' })).toEqual([]);
    expect(usageTagsFromMetadata({ 'docsift:usage_tags': [1, null, '***', 'ok'] })).toEqual(['ok']);
  });

  it('keeps at most 20 tags of 100 characters', () => {
    const many = Array.from({ length: 30 }, (_, i) => `t${i}${'x'.repeat(200)}`);
    const tags = usageTagsFromMetadata({ 'docsift:usage_tags': many });
    expect(tags).toHaveLength(20);
    expect(tags.every((t) => t.length === 100)).toBe(true);
  });
});
