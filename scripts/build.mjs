// `npm run build`: the browser bundles (vite.config.ts), type declarations for npm users, and the
// custom-elements manifest; then the size check (scripts/size-check.ts), which fails over a budget.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'vite';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

rmSync('dist', { recursive: true, force: true });
for (const mode of ['widget', 'embed', 'console', 'studio', 'admin', 'esm']) await build({ configFile: 'vite.config.ts', mode });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--quiet']);

// The size budgets: prints the sizes, writes dist/sizes.json, and fails the build over a limit.
run(process.execPath, ['--import', 'tsx', 'scripts/size-check.ts']);
