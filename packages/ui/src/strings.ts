/** Every string the tour UI shows or announces; pass your own to translate. */
export interface TourStrings {
  /** Default `Next`. */
  next: string;
  /** Default `Back`. */
  back: string;
  /** Default `Done`, on the last step. */
  done: string;
  /** Default `Skip tour`. */
  skip: string;
  /** Default `Close`: the accessible name of the × button. */
  close: string;
  /** Default `{current} of {total}`. */
  progress: string;
}

export const DEFAULT_STRINGS: TourStrings = {
  next: 'Next',
  back: 'Back',
  done: 'Done',
  skip: 'Skip tour',
  close: 'Close',
  progress: '{current} of {total}',
};

/** Fills `{current}` and `{total}` in a progress template. */
export function formatProgress(template: string, current: number, total: number): string {
  return template.replace(/\{current\}/g, String(current)).replace(/\{total\}/g, String(total));
}
