import type { z } from 'zod';

/** A validation failure as data: what was wrong and where. */
export interface ValidationIssue {
  code: string;
  path: string;
  message: string;
}

/** Turns a zod error into issues with dotted paths (`properties.price`). */
export function describeIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** One line for a log or a response: `path: message; path: message`. */
export function formatIssues(issues: ValidationIssue[]): string {
  return issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
}
