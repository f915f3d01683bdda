import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postBatch, readAll, testApp } from '../helpers/fixtures.js';

type Entry = { valid: boolean; value: unknown };

// A small pool of ids so that batches repeat messageIds.
const messageId = fc.constantFrom('m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6');
const timestamp = fc
  .integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') })
  .map((time) => new Date(time).toISOString());
const properties = fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), {
  maxKeys: 5,
});

const validMessage = fc.record({
  type: fc.constantFrom('track', 'page', 'identify'),
  messageId,
  timestamp,
  anonymousId: fc.string({ minLength: 1, maxLength: 20 }),
  event: fc.string({ minLength: 1, maxLength: 20 }),
  properties,
});

const breakage = fc.constantFrom<[string, unknown]>(
  ['type', 'unknown'],
  ['messageId', ''],
  ['messageId', 7],
  ['timestamp', 'yesterday'],
  ['anonymousId', null],
  ['context', 'not an object'],
);

const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 3, arbitrary: validMessage.map((value) => ({ valid: true, value })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(validMessage, breakage)
      .map(([message, [field, bad]]) => ({ valid: false, value: { ...message, [field]: bad } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.nat()))
      .map((value) => ({ valid: false, value })),
  },
);

describe('POST /v1/batch with random batches', () => {
  it('accounts for every message and stores only the valid ones, once each', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(entry, { maxLength: 15 }), { maxLength: 3 }),
        async (batches) => {
          const { app, store } = testApp();
          const expectedIds = new Set<string>();

          for (const entries of batches) {
            const response = await postBatch(app, { batch: entries.map((e) => e.value) });
            const body = await response.json();

            expect(body.accepted + body.duplicates + body.rejected.length).toBe(entries.length);
            const rejected = body.rejected.map((r: { index: number }) => r.index);
            expect(rejected).toEqual(entries.flatMap((e, index) => (e.valid ? [] : [index])));

            for (const { valid, value } of entries) {
              if (valid) expectedIds.add((value as { messageId: string }).messageId);
            }
          }

          const stored = (await readAll(store)).map((m) => m.messageId);
          expect(stored).toHaveLength(expectedIds.size);
          expect(new Set(stored)).toEqual(expectedIds);
          await store.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});
