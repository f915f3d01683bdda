import { describe, expect, it } from 'vitest';
import * as schema from '@revisit/schema';
import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES } from '@revisit/core';

describe('limits', () => {
  it('copies the collector limits from the schema exactly', () => {
    expect(MAX_MESSAGE_BYTES).toBe(schema.MAX_MESSAGE_BYTES);
    expect(MAX_BATCH_BYTES).toBe(schema.MAX_BATCH_BYTES);
  });
});
