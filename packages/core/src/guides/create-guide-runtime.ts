import { checkGuides } from './check-guides.js';
import { createGuideEngine, type GuideEngineOptions } from './create-guide-engine.js';
import { createTourRunner, type MountTour, type TourRunner } from './create-tour-runner.js';

/** What the SDK hands the guide runtime once a guide may show. */
export interface GuideRuntimeOptions extends Pick<
  GuideEngineOptions,
  'storage' | 'onEvent' | 'onError' | 'claim' | 'clock'
> {
  /** Loads the UI (the `revisit-ui.js` chunk) on first use. */
  loadUi: () => Promise<MountTour>;
  /** A skipped definition, or a debug diagnostic of the UI. Default: none. */
  onWarn?: (message: string) => void;
}

/** The engine and the runner, fed with definitions that are checked on the way in. */
export interface GuideRuntime {
  /**
   * Replaces the definitions, as written (from `init` and the collector). Each invalid one
   * is skipped with a warning naming its field, once per page; the others run.
   */
  setGuides(definitions: readonly unknown[]): void;
  runner: TourRunner;
}

/**
 * Creates the part of the guide machinery that pages without a guide never load: the SDK's
 * script-tag build imports it (the `revisit-guides.js` chunk) only when a tour may show.
 */
export function createGuideRuntime(options: GuideRuntimeOptions): GuideRuntime {
  const { loadUi, onWarn, ...engineOptions } = options;
  const engine = createGuideEngine(engineOptions);
  const runner = createTourRunner({ engine, loadUi, onError: options.onError, onWarn });
  const warned = new Set<string>();

  return {
    setGuides(definitions) {
      const { guides, issues } = checkGuides(definitions);
      for (const { index, id, path, message } of issues) {
        const name = id ? `"${id}"` : `#${index}`;
        const text = `guide ${name} skipped: ${path || 'definition'}: ${message}`;
        if (!warned.has(text)) onWarn?.(text);
        warned.add(text);
      }
      engine.setGuides(guides);
    },
    runner,
  };
}
