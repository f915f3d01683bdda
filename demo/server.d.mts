/** Starts the demo server; `revisit` is given to `revisit.init` on every page. */
export function startDemoServer(options: {
  revisit: Record<string, unknown>;
  port?: number;
  host?: string;
}): Promise<{ url: string; port: number; close: () => Promise<void> }>;
