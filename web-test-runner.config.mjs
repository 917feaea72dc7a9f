// Element tests: each src/elements/**/*.test.ts runs in the system Chromium (see
// scripts/find-chrome.mjs), against a real Parley server started here on a loopback port with a
// temporary store. Tests read its origin from `window.PARLEY_TEST_SERVER`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { CHROME_ARGS, requireChrome } from './scripts/find-chrome.mjs';
import { storeCommands } from './test/helpers/store-commands.mjs';

const executablePath = requireChrome();
const PORT = Number(process.env.WTR_PORT ?? 8000);

const { startParley } = await tsImport('./server/app.ts', import.meta.url);
const { scaledLimits } = await tsImport('./server/limits/limits.ts', import.meta.url);
const dataDir = mkdtempSync(join(tmpdir(), 'parley-elements-'));
const parley = await startParley({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  demoPassword: 'parley-test',
  // The test page is served by web-test-runner from another port of the same site.
  staffOrigins: [`http://localhost:${PORT}`],
  // …and every chat and work-item POC allows it, as a company's own site.
  widgetOrigins: [`http://localhost:${PORT}`],
  sweepIntervalMs: 200,
  // Every test page connects from loopback, many times a minute: limits stay far out of reach.
  limits: scaledLimits(1000),
});
const serverUrl = `http://localhost:${parley.port}`;
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));

/** Prints one closing line, `elements: N passed, N failed, N skipped`, counted over every session. */
function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const count = { passed: 0, failed: 0, skipped: 0 };
      const walk = (suite) => {
        if (!suite) return;
        for (const t of suite.tests) count[t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed'] += 1;
        for (const s of suite.suites) walk(s);
      };
      for (const session of sessions) {
        walk(session.testResults);
        // A file that failed to load has no results but must not pass silently.
        if (!session.passed && !session.testResults?.tests.length && !session.testResults?.suites.length) count.failed += 1;
      }
      console.log(`elements: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
    },
  };
}

/**
 * The loader's chunk table (src/loader/chunks.ts) when the tests run the sources: the widget's
 * entries themselves, served by this dev server (a build bakes in the built files' names).
 */
const SOURCE_CHUNKS = {
  chat: { file: '/src/widget/chat.ts', preload: [] },
  workItem: { file: '/src/widget/work-item.ts', preload: [] },
};

export default {
  files: ['src/elements/**/*.test.ts', 'src/controllers/**/*.test.ts', 'src/core/**/*.browser.test.ts'],
  hostname: 'localhost',
  port: PORT,
  // socket.io-client ships a Node build too; ask for the browser one.
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  staticLogging: !!process.env.CI,
  reporters: [defaultReporter(), countReporter()],
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 15000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json', define: { __PARLEY_CHUNKS__: JSON.stringify(SOURCE_CHUNKS) } }), storeCommands(parley.store)],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <body>
    <script>window.PARLEY_TEST_SERVER = ${JSON.stringify(serverUrl)};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: CHROME_ARGS } })],
};
