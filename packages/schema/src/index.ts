export { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES, MESSAGE_TYPES } from './limits.js';
export {
  aliasMessageSchema,
  groupMessageSchema,
  identifyMessageSchema,
  messageSchema,
  pageMessageSchema,
  screenMessageSchema,
  trackMessageSchema,
} from './message.js';
export type {
  AliasMessage,
  GroupMessage,
  IdentifyMessage,
  Message,
  MessageType,
  PageMessage,
  ScreenMessage,
  TrackMessage,
} from './message.js';
export { batchEnvelopeSchema } from './batch.js';
export type { BatchEnvelope, BatchResponse, ErrorResponse, RejectedMessage } from './batch.js';
export { describeIssues, formatIssues } from './issues.js';
export type { ValidationIssue } from './issues.js';
export {
  LIFECYCLE_SEGMENTS,
  STEP_PLACEMENTS,
  guideDefinitionSchema,
  guideTargetingSchema,
  guideTriggerSchema,
  parseGuides,
  tourDefinitionSchema,
  tourStepSchema,
} from './guide.js';
export type {
  GuideDefinition,
  GuideIssue,
  GuideTargeting,
  GuideTrigger,
  LifecycleSegment,
  ParsedGuides,
  StepPlacement,
  TourDefinition,
  TourDefinitionInput,
  TourStep,
} from './guide.js';
