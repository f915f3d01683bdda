export { CHROMIUM_PATH, launchChromium } from '../../scripts/chromium.mjs';
