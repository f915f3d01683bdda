export { createGuideEngine } from './create-guide-engine.js';
export type {
  ActiveTour,
  GuideClock,
  GuideEngine,
  GuideEngineOptions,
} from './create-guide-engine.js';
export {
  TOUR_STATES_KEY,
  createMemoryGuideStorage,
  readTourStates,
  tourStatesKey,
} from './guide-storage.js';
export type { GuideStorage, TourStates } from './guide-storage.js';
export { computeSegment } from './segment.js';
export type { SegmentInput, SegmentThresholds } from './segment.js';
export { isSampled, sampleBucket } from './sample.js';
export { selectGuide } from './select-guide.js';
export type { GuideContext, GuideDecision, GuideTriggerEvent } from './select-guide.js';
export { checkTargeting, userKeyOf } from './targeting.js';
export type { TargetingContext, TargetingMiss } from './targeting.js';
export { TOUR_EVENTS } from './tour-events.js';
export type { TourEvent, TourEventName, TourEventProperties } from './tour-events.js';
export { mayShow, resumeStep } from './tour-state.js';
export type { TourState } from './tour-state.js';
export { matchAnyUrlPattern, matchUrlPattern } from './url-pattern.js';
export { createTourRunner } from './create-tour-runner.js';
export type {
  MountTour,
  TourRunner,
  TourRunnerOptions,
  TourView,
  TourViewOptions,
} from './create-tour-runner.js';
export { checkGuides } from './check-guides.js';
export { mightShow } from './might-show.js';
export { createGuideRuntime } from './create-guide-runtime.js';
export type { GuideRuntime, GuideRuntimeOptions } from './create-guide-runtime.js';
export { REMOTE_GUIDES_KEY, createGuideHost } from './create-guide-host.js';
export type {
  GuideHost,
  GuideHostOptions,
  GuidePlatform,
  GuideRuntimeModule,
} from './create-guide-host.js';
