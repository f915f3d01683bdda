// Builds every package in dependency order: ESM bundles with rollup, type declarations
// with tsc, and the script-tag build of the browser SDK.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const PACKAGES = ['schema', 'core', 'browser', 'ui', 'collector'];

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

/** Workspace packages resolve to their sources, so one build never waits on another's dist. */
const workspaceSources = {
  name: 'workspace-sources',
  resolveId(source) {
    const match = /^@revisit\/([a-z-]+)$/.exec(source);
    return match ? join(root, 'packages', match[1], 'src/index.ts') : null;
  },
};

function externalsOf(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return (id) =>
    id.startsWith('node:') || deps.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

async function bundle({ input, output, external, plugins = [], format = 'es', name, banner }) {
  const build = await rollup({
    input,
    external,
    plugins: [
      esbuild({ target: 'es2022', jsx: 'automatic', jsxImportSource: 'preact' }),
      ...plugins,
    ],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') throw new Error(warning.message);
      warn(warning);
    },
  });
  await build.write({ file: output, format, name, banner, sourcemap: true });
  await build.close();
}

function declarations(dir) {
  const config = join(dir, 'tsconfig.build.json');
  if (!existsSync(config)) return;
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', config], { stdio: 'inherit' });
}

async function buildPackage(name) {
  const dir = join(root, 'packages', name);
  const external = externalsOf(dir);
  rmSync(join(dir, 'dist'), { recursive: true, force: true });

  await bundle({ input: join(dir, 'src/index.ts'), output: join(dir, 'dist/index.js'), external });
  declarations(dir);

  const extra = EXTRA_ENTRIES[name];
  if (extra) await extra(dir, external);
  console.log(`built @revisit/${name}`);
}

const EXTRA_ENTRIES = {
  async browser(dir) {
    // The guide runtime the script-tag build imports when a tour may show: engine, runner
    // and definition checks. An ES module, so `import()` loads it from a classic script.
    await bundle({
      input: join(dir, 'src/guides/runtime-entry.ts'),
      output: join(dir, 'dist/revisit-guides.js'),
      external: () => false,
      plugins: [workspaceSources, terser({ ecma: 2020, module: true, compress: { passes: 2 } })],
    });
    // The script-tag build carries everything it needs: no externals.
    await bundle({
      input: join(dir, 'src/global.ts'),
      output: join(dir, 'dist/revisit.min.js'),
      external: () => false,
      format: 'iife',
      plugins: [
        workspaceSources,
        nodeResolve({ browser: true }),
        terser({ ecma: 2020, module: false, compress: { passes: 2 } }),
      ],
    });
  },
  async ui(dir) {
    // The chunk the SDK imports when a guide must show: preact and Floating UI inside.
    await bundle({
      input: join(dir, 'src/index.ts'),
      output: join(dir, 'dist/revisit-ui.js'),
      external: () => false,
      plugins: [
        workspaceSources,
        nodeResolve({ browser: true }),
        terser({ ecma: 2020, module: true, compress: { passes: 2 } }),
      ],
    });
  },
  async collector(dir, external) {
    const output = join(dir, 'dist/cli.js');
    await bundle({
      input: join(dir, 'src/cli.ts'),
      output,
      external,
      banner: '#!/usr/bin/env node',
    });
    writeFileSync(output, readFileSync(output, 'utf8'), { mode: 0o755 });
  },
};

for (const name of PACKAGES) {
  if (only.length > 0 && !only.includes(name)) continue;
  if (!existsSync(join(root, 'packages', name, 'src/index.ts'))) continue;
  await buildPackage(name);
}
