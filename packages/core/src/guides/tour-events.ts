/** The events the engine tracks, through the normal queue, with Segment-style names. */
export const TOUR_EVENTS = {
  started: 'Tour Started',
  stepViewed: 'Tour Step Viewed',
  stepSkipped: 'Tour Step Skipped',
  completed: 'Tour Completed',
  dismissed: 'Tour Dismissed',
} as const;

export type TourEventName = (typeof TOUR_EVENTS)[keyof typeof TOUR_EVENTS];

/** Properties of every tour event; `reason` only on `Tour Step Skipped`. */
export interface TourEventProperties {
  tourId: string;
  tourVersion: number;
  stepIndex: number;
  reason?: string;
}

/** One event for the SDK to `track`. */
export interface TourEvent {
  event: TourEventName;
  properties: TourEventProperties;
}
