// `npm run build`: the browser bundles (vite.config.ts), type declarations for npm users, and the
// custom-elements manifest; then prints each bundle's raw and gzip size.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

rmSync('dist', { recursive: true, force: true });
for (const mode of ['embed', 'console', 'studio', 'admin', 'esm']) await build({ configFile: 'vite.config.ts', mode });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet']);

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
console.log('\nBundle sizes:');
for (const file of ['dist/parley.js', 'dist/console.js', 'dist/studio.js', 'dist/admin.js', 'dist/esm/index.js']) {
  const raw = statSync(file).size;
  const gz = gzipSync(readFileSync(file), { level: 9 }).length;
  console.log(`  ${file.padEnd(20)} ${kb(raw).padStart(9)} raw  ${kb(gz).padStart(8)} gzip`);
}
