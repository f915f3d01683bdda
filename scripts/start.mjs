// `npm start`: the collector on an embedded SQLite file under .data/, serving the demo's
// first-run tour (demo/guides.json), and the demo app on another origin sending to it.
// Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../demo/server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA_DIR = `${ROOT}.data`;
const WRITE_KEY = process.env.REVISIT_WRITE_KEY ?? 'demo-write-key';
const HOST = process.env.HOST ?? '127.0.0.1';
const COLLECTOR_PORT = Number(process.env.COLLECTOR_PORT ?? 8787);
const DEMO_PORT = Number(process.env.PORT ?? 8080);

mkdirSync(DATA_DIR, { recursive: true });

const collector = spawn(
  process.execPath,
  [
    `${ROOT}packages/collector/dist/cli.js`,
    'serve',
    '--host',
    HOST,
    '--port',
    String(COLLECTOR_PORT),
    '--db',
    `${DATA_DIR}/revisit.db`,
    '--write-key',
    WRITE_KEY,
    '--guides',
    `${ROOT}demo/guides.json`,
  ],
  { stdio: 'inherit' },
);
collector.on('exit', (code) => {
  console.error(`collector exited with code ${code}`);
  process.exit(code ?? 1);
});

const apiHost = `http://${HOST}:${COLLECTOR_PORT}`;
const demo = await startDemoServer({
  port: DEMO_PORT,
  host: HOST,
  revisit: { writeKey: WRITE_KEY, apiHost },
});

console.log(`\nRevisit demo:      ${demo.url}`);
console.log(`Collector:         ${apiHost} (SQLite at .data/revisit.db)`);
console.log(`Stored events:     npx revisit-collector export --db .data/revisit.db\n`);

function stop() {
  collector.removeAllListeners('exit');
  collector.kill('SIGTERM');
  demo.close().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
