// `npm test`: every test. Type check, build, core and server tests in Node, element tests in
// Chromium (web-test-runner), end-to-end and screenshot-comparison tests in Chromium
// (playwright-core). Ends with one line `N passed, N failed` over all suites, and a non-zero exit
// code if anything failed.
import { spawn } from 'node:child_process';
import { findChrome, NO_CHROME_MESSAGE } from './find-chrome.mjs';

if (!findChrome()) {
  console.error(NO_CHROME_MESSAGE);
  process.exit(1);
}

const npmScript = (name) => [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', name]];
const steps = [
  { name: 'typecheck', cmd: npmScript('typecheck') },
  { name: 'build', cmd: npmScript('build') },
  // On CI the manifest the build regenerates must equal the committed one: the API docs stay true.
  ...(process.env.CI ? [{ name: 'manifest', cmd: ['git', ['diff', '--exit-code', '--stat', 'custom-elements.json']] }] : []),
  { name: 'node', cmd: npmScript('test:node'), counts: /^[ℹ#] (pass|fail|skipped|skip) (\d+)$/gm },
  { name: 'elements', cmd: npmScript('test:elements'), counts: /elements: (\d+) passed, (\d+) failed, (\d+) skipped$/gm },
  { name: 'e2e', cmd: npmScript('test:e2e'), counts: /^[ℹ#] (pass|fail|skipped|skip) (\d+)$/gm },
  // The fault-injection suite, short form (npm run test:chaos runs the long one); prints its table.
  { name: 'chaos', cmd: [process.execPath, ['scripts/chaos.mjs', '--short']], counts: /^[ℹ#] (pass|fail|skipped|skip) (\d+)$/gm },
  { name: 'visual', cmd: npmScript('test:visual'), counts: /^[ℹ#] (pass|fail|skipped|skip) (\d+)$/gm },
];

/** Runs a command, echoing its output, and resolves with its exit code and output. */
function run([cmd, args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
let failedSteps = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const { code, out } = await run(step.cmd);
  if (step.counts) {
    const counted = { passed: 0, failed: 0, skipped: 0 };
    // Interactive runners redraw lines with ANSI escapes; count on the plain text.
    const plain = out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (const m of plain.matchAll(step.counts)) {
      if (step.name === 'elements') {
        counted.passed += Number(m[1]);
        counted.failed += Number(m[2]);
        counted.skipped += Number(m[3]);
      } else {
        const key = m[1] === 'pass' ? 'passed' : m[1] === 'fail' ? 'failed' : 'skipped';
        counted[key] += Number(m[2]);
      }
    }
    // A runner that failed without reporting a failing test still fails the run.
    if (code !== 0 && counted.failed === 0) counted.failed = 1;
    for (const k of Object.keys(total)) total[k] += counted[k];
  }
  if (code !== 0) failedSteps.push(step.name);
  // Without a build or types that check, the later suites would only fail more confusingly.
  if (code !== 0 && !step.counts) break;
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join(', ')} (${seconds} s)`);
else console.log(`\nAll suites passed in ${seconds} s`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(failedSteps.length ? 1 : 0);
