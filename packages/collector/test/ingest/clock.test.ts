import { correctTimestamp } from '@revisit/collector';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const received = Date.parse('2025-03-01T12:00:00.000Z');

describe('correctTimestamp', () => {
  it('shifts the client time by receivedAt - sentAt', () => {
    // Device clock two weeks behind; the event happened 5 minutes before sending.
    const corrected = correctTimestamp(
      '2025-02-15T11:55:00.000Z',
      '2025-02-15T12:00:00.000Z',
      received,
    );
    expect(corrected).toBe('2025-03-01T11:55:00.000Z');
  });

  it('keeps the age of a message that waited days in the queue', () => {
    const corrected = correctTimestamp(
      '2025-02-26T08:00:00.000Z',
      '2025-03-01T11:00:00.000Z',
      received,
    );
    expect(corrected).toBe('2025-02-26T09:00:00.000Z');
  });

  it('reads timezone offsets', () => {
    const corrected = correctTimestamp(
      '2025-03-01T13:59:00+02:00',
      '2025-03-01T14:00:00+02:00',
      received,
    );
    expect(corrected).toBe('2025-03-01T11:59:00.000Z');
  });

  it('keeps the client time without sentAt', () => {
    expect(correctTimestamp('2025-03-01T11:00:00Z', undefined, received)).toBe(
      '2025-03-01T11:00:00.000Z',
    );
  });

  it('never returns a time after receivedAt, however absurd the client clock', () => {
    expect(correctTimestamp('2099-01-01T00:00:00Z', undefined, received)).toBe(
      '2025-03-01T12:00:00.000Z',
    );
    expect(correctTimestamp('2099-01-02T00:00:00Z', '2099-01-01T00:00:00Z', received)).toBe(
      '2025-03-01T12:00:00.000Z',
    );
  });

  it('gives every event the age it had on the client when sentAt is present', () => {
    const date = fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2090-01-01') });
    fc.assert(
      fc.property(date, fc.nat(30 * 86_400_000), (sentAt, age) => {
        const timestamp = new Date(sentAt - age).toISOString();
        const corrected = correctTimestamp(timestamp, new Date(sentAt).toISOString(), received);
        expect(received - Date.parse(corrected)).toBe(age);
      }),
    );
  });
});
