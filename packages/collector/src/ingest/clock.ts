/**
 * Corrects a client timestamp for the client's clock skew: `timestamp + (receivedAt -
 * sentAt)`. Both client times come from the same (possibly wrong) clock, so their difference
 * is right even when the clock is weeks off, and a message that waited days in the queue
 * keeps its age as long as `sentAt` is the time of the attempt that got through.
 *
 * Without `sentAt` the client time is kept. Either way the result is never later than
 * `receivedAt`: nothing can happen after the collector heard about it.
 */
export function correctTimestamp(
  timestamp: string,
  sentAt: string | undefined,
  receivedAt: number,
): string {
  const clientTime = Date.parse(timestamp);
  const sentTime = sentAt === undefined ? Number.NaN : Date.parse(sentAt);
  const skew = Number.isNaN(sentTime) ? 0 : receivedAt - sentTime;

  return new Date(Math.min(clientTime + skew, receivedAt)).toISOString();
}
