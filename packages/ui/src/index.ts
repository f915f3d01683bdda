export { mountTour } from './mount-tour.js';
export type { MountTourOptions, TourHandle } from './mount-tour.js';
export type { CloseReason } from './tour-card.js';
export { DEFAULT_STRINGS, formatProgress } from './strings.js';
export type { TourStrings } from './strings.js';
export { findTarget, isVisibleElement } from './find-target.js';
export type { FoundTarget } from './find-target.js';
