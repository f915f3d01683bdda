import type { LifecycleSegment } from '@revisit/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the SDK knows locally about a user's history. Times are epoch milliseconds. */
export interface SegmentInput {
  /** First activity ever seen on this device (or for this user). */
  firstSeenAt: number;
  /** Last activity before the current session started; absent on the first session. */
  lastSeenAt?: number;
  /** Sessions so far, the current one included. */
  sessionCount: number;
  now: number;
}

/** Thresholds in days; every one can be changed, the defaults suit a weekly-use app. */
export interface SegmentThresholds {
  /** Default 7. A user first seen less than this many days ago is `new`. */
  newDays?: number;
  /** Default 7. A gap of at least this many days before this session makes `returning`. */
  returningDays?: number;
  /** Default 30. A gap of at least this many days before this session makes `dormant`. */
  dormantDays?: number;
}

/**
 * The lifecycle segment of a user, computed from the start of the current session:
 *
 * 1. `new`: the first session, or first seen less than `newDays` (7) days ago.
 * 2. `dormant`: back after a gap of `dormantDays` (30) days or more: the user had lapsed,
 *    and this is the moment to welcome them back.
 * 3. `returning`: back after a gap of `returningDays` (7) to `dormantDays` days.
 * 4. `active`: everyone else, i.e. seen within the last `returningDays` days.
 *
 * The gap is measured from the last activity before this session, so a user keeps their
 * segment for the whole session instead of turning `active` after the first click.
 */
export function computeSegment(
  input: SegmentInput,
  thresholds: SegmentThresholds = {},
): LifecycleSegment {
  const { newDays = 7, returningDays = 7, dormantDays = 30 } = thresholds;
  const { firstSeenAt, lastSeenAt, sessionCount, now } = input;
  if (sessionCount <= 1 || now - firstSeenAt < newDays * DAY_MS) return 'new';

  const gap = lastSeenAt === undefined ? 0 : now - lastSeenAt;
  if (gap >= dormantDays * DAY_MS) return 'dormant';
  if (gap >= returningDays * DAY_MS) return 'returning';
  return 'active';
}
