// Entry of the guide runtime chunk (dist/revisit-guides.js): the engine, the runner and the
// definition checks, imported by the SDK only when a guide may show.
export { createGuideRuntime } from '@revisit/core';
