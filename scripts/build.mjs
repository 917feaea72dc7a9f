// `npm run build`: the browser bundles (vite.config.ts) with their Brotli and gzip copies, type
// declarations for npm users, and the custom-elements manifest; then the size check
// (scripts/size-check.ts), which fails over a budget.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

rmSync('dist', { recursive: true, force: true });
for (const mode of ['widget', 'embed', 'console', 'studio', 'admin', 'esm']) await build({ configFile: 'vite.config.ts', mode });
// What the server sends: each browser bundle also compressed once here, in Brotli and gzip, at the
// strongest levels (the server picks by Accept-Encoding, server/http/pages.ts). Not the npm build.
for (const dir of ['dist', 'dist/parley']) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const file = join(dir, name);
    const source = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
    writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }));
  }
}

run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet']);

// The size budgets: prints the sizes, writes dist/sizes.json, and fails the build over a limit.
run(process.execPath, ['--import', 'tsx', 'scripts/size-check.ts']);
