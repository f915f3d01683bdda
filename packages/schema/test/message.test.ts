import { describe, expect, it } from 'vitest';
import { describeIssues, messageSchema } from '@revisit/schema';

const base = {
  messageId: 'm-1',
  timestamp: '2026-12-03T10:00:00.000Z',
  anonymousId: 'anon-1',
};

describe('messageSchema', () => {
  it('accepts a track message with properties', () => {
    const result = messageSchema.safeParse({
      ...base,
      type: 'track',
      event: 'Task Added',
      properties: { count: 1 },
    });
    expect(result.success).toBe(true);
  });

  it('rejects a message with neither anonymousId nor userId', () => {
    const result = messageSchema.safeParse({
      type: 'track',
      event: 'x',
      messageId: 'm',
      timestamp: base.timestamp,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(describeIssues(result.error)[0]).toMatchObject({ path: 'anonymousId' });
  });

  it('names the field that is wrong', () => {
    const result = messageSchema.safeParse({ ...base, type: 'track', event: 42 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(describeIssues(result.error).map((issue) => issue.path)).toContain('event');
  });

  it('rejects an unknown type', () => {
    expect(messageSchema.safeParse({ ...base, type: 'explode' }).success).toBe(false);
  });
});
