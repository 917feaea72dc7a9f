// Generates custom-elements.json (the elements' public API for editors and frameworks).
import { readFileSync } from 'node:fs';

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/elements/test-helpers.ts', 'src/elements/xss-corpus.ts'],
  outdir: '.',
  litelement: true,
  // The file list comes in the filesystem's directory order, which differs between machines;
  // sorted, the manifest comes out the same everywhere and CI can compare it with the committed one.
  overrideModuleCreation: ({ ts, globs }) =>
    [...globs]
      .sort()
      .map((file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2015, true)),
};
