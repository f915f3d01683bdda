import { z } from 'zod';

const id = z.string().min(1).max(200);

/** Any JSON object: properties, traits and context are open by design. */
const jsonObject = z.record(z.string(), z.unknown());

/** An ISO-8601 date-time with a timezone offset or `Z`, as every Segment client sends. */
const isoDate = z.iso.datetime({ offset: true });

const common = {
  messageId: id,
  timestamp: isoDate,
  anonymousId: id.nullish(),
  userId: id.nullish(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  sentAt: isoDate.optional(),
};

const hasIdentity = (message: { anonymousId?: string | null; userId?: string | null }) =>
  Boolean(message.anonymousId || message.userId);

const IDENTITY_REQUIRED = {
  message: 'anonymousId or userId is required',
  path: ['anonymousId'],
};

export const trackMessageSchema = z.object({
  ...common,
  type: z.literal('track'),
  event: z.string().min(1).max(200),
  properties: jsonObject.optional(),
});

export const pageMessageSchema = z.object({
  ...common,
  type: z.literal('page'),
  name: z.string().max(200).nullish(),
  category: z.string().max(200).nullish(),
  properties: jsonObject.optional(),
});

export const screenMessageSchema = pageMessageSchema.extend({ type: z.literal('screen') });

export const identifyMessageSchema = z.object({
  ...common,
  type: z.literal('identify'),
  traits: jsonObject.optional(),
});

export const groupMessageSchema = z.object({
  ...common,
  type: z.literal('group'),
  groupId: id,
  traits: jsonObject.optional(),
});

export const aliasMessageSchema = z.object({
  ...common,
  type: z.literal('alias'),
  previousId: id,
  userId: id,
});

/** One wire message of any type, validated by its `type`. */
export const messageSchema = z
  .discriminatedUnion('type', [
    trackMessageSchema,
    pageMessageSchema,
    screenMessageSchema,
    identifyMessageSchema,
    groupMessageSchema,
    aliasMessageSchema,
  ])
  .refine(hasIdentity, IDENTITY_REQUIRED);

export type TrackMessage = z.infer<typeof trackMessageSchema>;
export type PageMessage = z.infer<typeof pageMessageSchema>;
export type ScreenMessage = z.infer<typeof screenMessageSchema>;
export type IdentifyMessage = z.infer<typeof identifyMessageSchema>;
export type GroupMessage = z.infer<typeof groupMessageSchema>;
export type AliasMessage = z.infer<typeof aliasMessageSchema>;
export type Message = z.infer<typeof messageSchema>;
export type MessageType = Message['type'];
