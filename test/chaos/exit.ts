/**
 * Imported for its effect: a test file ends through `process.exit` rather than Node's own
 * teardown. After runs that reset sockets, Node 20 was seen spinning at 100% CPU for ever in that
 * teardown (main thread in FreeEnvironment → CleanupHandles → uv_run, every test already
 * reported), so the file never ended and the suite hung. Calling `process.exit` from the last
 * `exit` listener skips it; by then the loop is empty and everything has been written.
 */
process.once('beforeExit', () => {
  // Registered now, so that it runs after every other `exit` listener.
  process.once('exit', (code) => process.exit(code));
});
