/** What the batch route reports to the request log. */
export interface IngestCounts {
  accepted: number;
  duplicates: number;
  rejected: number;
}

/** Hono environment shared by the collector's routes and middleware. */
export interface AppEnv {
  Variables: {
    counts?: IngestCounts;
  };
}
