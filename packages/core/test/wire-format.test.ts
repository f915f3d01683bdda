import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchEnvelopeSchema, messageSchema } from '@revisit/schema';
import { startRevisit } from './helpers/started.js';

describe('wire format', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends messages of every type that the collector schema accepts', async () => {
    const { revisit, fake } = startRevisit();
    revisit.page('Home', { tab: 'all' });
    revisit.page();
    revisit.track('Task Added', { when: new Date(0), tags: ['a'], nested: { n: 1 } });
    revisit.identify('user-1', { email: 'a@example.com' });
    revisit.group('team-9', { plan: 'pro' });
    revisit.alias('user-2');
    revisit.alias('user-3', 'user-2');
    await revisit.flush();

    const [request] = fake.requests;
    expect(batchEnvelopeSchema.safeParse(request!.envelope).success).toBe(true);
    expect(request!.envelope.batch).toHaveLength(7);
    for (const message of request!.envelope.batch) {
      const result = messageSchema.safeParse(message);
      expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    }
    expect(request!.envelope.batch[5]).toMatchObject({ previousId: 'user-1', userId: 'user-2' });
  });
});
