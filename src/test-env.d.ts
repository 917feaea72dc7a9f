// Globals that the element test pages define (web-test-runner.config.mjs).
declare global {
  interface Window {
    /** Origin of the real Parley server the element tests talk to. */
    PARLEY_TEST_SERVER: string;
  }
}
export {};
