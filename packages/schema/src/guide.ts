import { z } from 'zod';

/** Lifecycle segments the SDK computes locally; see `computeSegment` in @revisit/core. */
export const LIFECYCLE_SEGMENTS = ['new', 'active', 'returning', 'dormant'] as const;

/** Where a step's card sits next to its target (Floating UI placements, plus `auto`). */
export const STEP_PLACEMENTS = [
  'auto',
  'top',
  'top-start',
  'top-end',
  'bottom',
  'bottom-start',
  'bottom-end',
  'left',
  'left-start',
  'left-end',
  'right',
  'right-start',
  'right-end',
] as const;

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'use letters, digits, _ . : or -');

const label = z.string().trim().min(1).max(60);

/**
 * A URL pattern: `*` matches within one path segment, `**` across segments. A pattern that
 * starts with `/` is matched against the path; one with `://` against the whole URL. The
 * query and the fragment count only when the pattern has a `?` or a `#` (`/#/tasks`).
 */
const urlPattern = z
  .string()
  .min(1)
  .max(500)
  .refine((value) => value.startsWith('/') || value.includes('://'), {
    message: 'must start with / or be a full URL pattern (https://...)',
  });

/** Only http(s) and same-site paths: a definition must never smuggle `javascript:` or data. */
const imageUrl = z
  .string()
  .max(2000)
  .refine((value) => /^https?:\/\//i.test(value) || /^\/(?!\/)/.test(value), {
    message: 'must be an http(s) URL or a path starting with /',
  });

/** One step of a tour: anchored to the element `target` selects, or centered. */
export const tourStepSchema = z.object({
  /** CSS selector of the element the step points at; absent: a centered card. */
  target: z.string().trim().min(1).max(500).optional(),
  title: z.string().trim().min(1).max(200),
  /** Plain text, shown as text: never parsed as HTML or markdown. */
  body: z.string().max(2000).default(''),
  /** Default `auto`: below the target, flipped where there is no room. */
  placement: z.enum(STEP_PLACEMENTS).default('auto'),
  image: z.object({ url: imageUrl, alt: z.string().max(300) }).optional(),
  /** Labels that replace the translated defaults for this step only. */
  buttons: z.object({ next: label, back: label, done: label, skip: label }).partial().optional(),
  /** Default false. True: a click on the target moves to the next step. */
  advanceOnTargetClick: z.boolean().default(false),
  /** The step shows only on pages matching this pattern (multi-page tours). */
  url: urlPattern.optional(),
  /** How long to wait for a target that renders late, in ms. Default 5000. */
  waitMs: z.number().int().min(0).max(60_000).default(5000),
});

const traitValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Who and where a guide is for; every rule must hold. Default: everyone, everywhere. */
export const guideTargetingSchema = z.object({
  /** The guide shows on pages matching any of these; absent: every page. */
  urls: z.array(urlPattern).min(1).max(50).optional(),
  /** Absent: every segment. */
  segments: z.array(z.enum(LIFECYCLE_SEGMENTS)).min(1).optional(),
  /** Each trait must equal the user's trait of that name (strict); `null` also matches none. */
  traits: z.record(z.string().min(1).max(200), traitValue).optional(),
  /** Default 0. The user's session count, this one included, must be at least this. */
  minSessions: z.number().int().min(0).default(0),
  /** Default 1. Share of users, chosen by a stable hash of the user and guide ids. */
  sampleRate: z.number().min(0).max(1).default(1),
});

/** What makes a guide show: a page view (default), a tracked event, or a page view + delay. */
export const guideTriggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pageView') }),
  z.object({ type: z.literal('event'), event: z.string().min(1).max(200) }),
  /** After a page view, wait this long; cancelled if the page changes first. */
  z.object({ type: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }),
]);

/**
 * Whether a tour may show again after it was completed or dismissed. Absent or `false`:
 * never. `true`: in a later session. `{ afterDays }`: once that many days have passed.
 */
const repeatSchema = z
  .union([z.boolean(), z.object({ afterDays: z.number().min(0).max(3650) })])
  .optional()
  .transform((value) => {
    if (value === undefined || value === false) return null;
    return value === true ? { afterDays: 0 } : value;
  });

/** A tour as an app developer writes it, in `init({ guides })` or the collector's file. */
export const tourDefinitionSchema = z.object({
  type: z.literal('tour'),
  id,
  /** Bump it when the steps change: progress saved for another version starts over. */
  version: z.number().int().min(1).default(1),
  steps: z.array(tourStepSchema).min(1).max(50),
  targeting: guideTargetingSchema.default({ minSessions: 0, sampleRate: 1 }),
  /** Default: a page view. */
  trigger: guideTriggerSchema.default({ type: 'pageView' }),
  repeat: repeatSchema,
});

/** Every kind of guide; prompts join this union later. */
export const guideDefinitionSchema = z.discriminatedUnion('type', [tourDefinitionSchema]);

export type LifecycleSegment = (typeof LIFECYCLE_SEGMENTS)[number];
export type StepPlacement = (typeof STEP_PLACEMENTS)[number];
export type TourStep = z.infer<typeof tourStepSchema>;
export type GuideTargeting = z.infer<typeof guideTargetingSchema>;
export type GuideTrigger = z.infer<typeof guideTriggerSchema>;
export type TourDefinition = z.infer<typeof tourDefinitionSchema>;
/** A definition as written by an app developer, before defaults are filled in. */
export type TourDefinitionInput = z.input<typeof tourDefinitionSchema>;
export type GuideDefinition = z.infer<typeof guideDefinitionSchema>;

/** Why one definition was skipped: its position, its id when it has one, and the field. */
export interface GuideIssue {
  index: number;
  id?: string;
  path: string;
  message: string;
}

/** Valid definitions, in input order, and one issue per problem in the skipped ones. */
export interface ParsedGuides {
  guides: GuideDefinition[];
  issues: GuideIssue[];
}

const idOf = (entry: unknown): string | undefined => {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const value = (entry as { id?: unknown }).id;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Validates guide definitions one by one: an invalid one is skipped with issues naming its
 * fields, the others are kept. Accepts an array or `{ guides: [...] }` (the collector's
 * answer). A repeated id keeps the first definition.
 */
export function parseGuides(input: unknown): ParsedGuides {
  const list = Array.isArray(input) ? input : (input as { guides?: unknown } | null)?.guides;
  if (!Array.isArray(list)) {
    return {
      guides: [],
      issues: [{ index: -1, path: '', message: 'expected an array of guide definitions' }],
    };
  }

  const guides: GuideDefinition[] = [];
  const issues: GuideIssue[] = [];
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    const id = idOf(entry);
    const result = guideDefinitionSchema.safeParse(entry);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.');
        issues.push({ index, ...(id && { id }), path, message: issue.message });
      }
      return;
    }

    if (seen.has(result.data.id)) {
      issues.push({ index, id: result.data.id, path: 'id', message: 'duplicate guide id' });
      return;
    }
    seen.add(result.data.id);
    guides.push(result.data);
  });
  return { guides, issues };
}
