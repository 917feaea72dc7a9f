// Generates custom-elements.json (the elements' public API for editors and frameworks).
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts', 'src/elements/test-helpers.ts'],
  outdir: '.',
  litelement: true,
};
