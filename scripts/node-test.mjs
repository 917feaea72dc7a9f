// Runs Node's test runner over every *.test.ts below the given folders, or the given files (Node
// 20's `--test` takes no globs). Usage: node scripts/node-test.mjs src/core server [file.test.ts]
// *.browser.test.ts files need a browser: web-test-runner runs them, not this.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2);
const files = roots
  .filter((root) => existsSync(root))
  // A folder gives its tests; a file is taken as it is.
  .flatMap((root) => (statSync(root).isDirectory() ? readdirSync(root, { recursive: true }).map((f) => join(root, String(f))) : [root]))
  .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.browser.test.ts') && !f.includes('node_modules'))
  .sort();
if (files.length === 0) {
  console.error(`no *.test.ts files under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
