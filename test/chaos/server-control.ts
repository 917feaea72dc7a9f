/**
 * Runs test/chaos/server-process.ts as a child process and kills, stops and restarts it on the
 * same port and data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const ENTRY = join(HERE, 'server-process.ts');

/** Children still running when this process exits are killed with it. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export class ServerProcess {
  readonly dataDir: string;
  port = 0;
  #child: ChildProcess | null = null;
  #exited: Promise<number | null> = Promise.resolve(null);
  /** Extra environment of the child (server-process.ts lists what it reads). */
  #env: Record<string, string>;
  /** Output of every run, for the failure message of a start that did not come up. */
  #log = '';
  /** How many times the server was started. */
  starts = 0;

  constructor(options: { dataDir?: string; env?: Record<string, string> } = {}) {
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-chaos-'));
    this.#env = options.env ?? {};
  }

  /** `http://127.0.0.1:<port>` (direct, no proxy). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id of the running server, if any. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  /** The SQLite file the server writes. */
  get databaseFile(): string {
    return join(this.dataDir, 'parley.sqlite');
  }

  /** Starts the server (on its previous port after the first start) and waits until it listens. */
  async start(timeoutMs = 20_000): Promise<void> {
    if (this.#child) throw new Error('the server is already running');
    // PARLEY_SERVER_NODE_FLAGS: extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
    const nodeFlags = process.env.PARLEY_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', ENTRY], {
      cwd: ROOT,
      env: { ...process.env, ...this.#env, PORT: String(this.port), PARLEY_DATA_DIR: this.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    this.starts += 1;
    this.#exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.#exited.then(() => {
      if (this.#child === child) this.#child = null;
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => fail(new Error(`the server did not start within ${timeoutMs} ms`)), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(new Error(`${err.message}\n${this.#log.slice(-2000)}`));
      };
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        this.#log += d.toString();
        const m = /PARLEY_CHAOS_READY (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          this.port = Number(m[1]);
          resolve();
        }
      });
      child.stderr!.on('data', (d: Buffer) => {
        this.#log += d.toString();
        if (process.env.CHAOS_VERBOSE) process.stderr.write(d);
      });
      child.once('exit', (code, signal) => fail(new Error(`the server exited (${code ?? signal}) before listening`)));
    });
  }

  /**
   * Runs a full garbage collection in the server (SIGUSR2, see server-process.ts) and returns its
   * `process.memoryUsage()` after it.
   */
  async collectGarbage(timeoutMs = 10_000): Promise<NodeJS.MemoryUsage> {
    const child = this.#child;
    if (!child) throw new Error('the server is not running');
    return new Promise((resolve, reject) => {
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString();
        const m = /PARLEY_CHAOS_GC (\{.*\})\n/.exec(out);
        if (!m) return;
        done();
        resolve(JSON.parse(m[1]) as NodeJS.MemoryUsage);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the server did not collect garbage within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
      };
      child.stdout!.on('data', onData);
      child.kill('SIGUSR2');
    });
  }

  /** SIGKILL: no drain, no flush beyond what SQLite already committed. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.#exited;
  }

  /** SIGTERM: the server drains (stores and acknowledges what it is storing) and exits. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    const child = this.#child;
    if (!child) return null;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const code = await this.#exited;
    clearTimeout(timer);
    return code;
  }

  /** Stops it (SIGKILL if still running) and deletes the data directory. */
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
