// Element tests: each src/elements/**/*.test.ts runs in the system Chromium (see scripts/find-chrome.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_ARGS, requireChrome } from './scripts/find-chrome.mjs';

export default {
  files: ['src/elements/**/*.test.ts', 'src/controllers/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: requireChrome(), headless: true, args: CHROME_ARGS },
    }),
  ],
};
