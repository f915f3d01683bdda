// Compares what a chromium test tracked with what the collector stored, by a key made of the
// event's own properties (`{ tab, n }`), not its messageId: a message the SDK re-minted under
// a new messageId would pass the collector's dedupe and show here as stored twice.
import type { StoredMessage } from './collector.js';

/** The outcome of one scenario, one line of the "Delivery guarantees" table. */
export interface DeliveryTally {
  tracked: number;
  /** Distinct tracked keys the collector holds. */
  stored: number;
  /** Stored messages beyond the first of their key. */
  duplicated: number;
  /** Tracked keys the collector does not hold. */
  lost: string[];
  /** Stored keys nobody tracked: would mean a corrupted or foreign message. */
  unexpected: string[];
}

/** The key of a message tracked as `track(event, { tab, n })`. */
export function keyOf(message: Pick<StoredMessage, 'properties'>): string {
  return `${message.properties?.['tab']}:${message.properties?.['n']}`;
}

export function tallyDelivery(
  tracked: ReadonlySet<string>,
  stored: StoredMessage[],
): DeliveryTally {
  const seen = new Map<string, number>();
  for (const message of stored) seen.set(keyOf(message), (seen.get(keyOf(message)) ?? 0) + 1);

  let duplicated = 0;
  for (const times of seen.values()) duplicated += times - 1;
  return {
    tracked: tracked.size,
    stored: [...seen.keys()].filter((key) => tracked.has(key)).length,
    duplicated,
    lost: [...tracked].filter((key) => !seen.has(key)),
    unexpected: [...seen.keys()].filter((key) => !tracked.has(key)),
  };
}

/** True once every tracked key is stored; more polling can then only find duplicates. */
export function complete(tally: DeliveryTally): boolean {
  return tally.lost.length === 0;
}

/** One greppable line per scenario run: the source of the README's delivery tables. */
export function summaryLine(
  suite: string,
  scenario: string,
  fields: Record<string, string | number>,
): string {
  const pairs = Object.entries(fields).map(([name, value]) => `${name}=${value}`);
  return `[${suite}] ${scenario} ${pairs.join(' ')}`;
}
