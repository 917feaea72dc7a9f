/**
 * What the fuzz suites share: a real server whose log is captured (so an error logged while a
 * fuzzed input was handled fails the suite), the protocol's event names and error codes read from
 * the protocol module's source (so a new event cannot be left out of the fuzzing), and a check
 * that no built-in prototype was changed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { ParleyOptions } from '../app.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { POLLUTION_PROBES } from './arbitraries.js';

const PROTOCOL_SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'protocol', 'index.ts');

/** One parsed log line of the server. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A test server with every log line of level warn and above kept in `logs`. */
export interface CapturingServer extends TestServer {
  logs: LogLine[];
}

/** Pino's level for `error`: anything at or above it means the server met something it did not expect. */
const ERROR_LEVEL = 50;

/** Starts a real server (with `options`) whose warnings and errors are captured rather than printed. */
export async function startCapturingServer(options: Partial<ParleyOptions> = {}): Promise<CapturingServer> {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const server = await startTestServer({ ...options, logger: { level: 'warn', stream } });
  return Object.assign(server, { logs });
}

/** Fails with the first error lines the server logged (a crash caught by a handler, a 500). */
export function assertNoErrorLogged(server: CapturingServer): void {
  const errors = server.logs.filter((line) => line.level >= ERROR_LEVEL);
  assert.deepEqual(
    errors.slice(0, 3).map((line) => `${line.msg}: ${JSON.stringify(line.err ?? line).slice(0, 1500)}`),
    [],
    `the server logged ${errors.length} error line(s)`,
  );
}

function interfaceMembers(source: ts.SourceFile, name: string): string[] {
  const found = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  assert.ok(found, `interface ${name} not found in the protocol module`);
  return found.members.map((member) => {
    const key = member.name;
    assert.ok(key && (ts.isIdentifier(key) || ts.isStringLiteral(key)), `unexpected member in ${name}`);
    return key.text;
  });
}

function unionLiterals(source: ts.SourceFile, name: string): string[] {
  const found = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name);
  assert.ok(found && ts.isUnionTypeNode(found.type), `type ${name} not found in the protocol module`);
  return found.type.types.map((t) => {
    assert.ok(ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal), `unexpected member in ${name}`);
    return t.literal.text;
  });
}

/**
 * The event names a client may send on each namespace and the error codes, read from the protocol
 * module's declarations (they are types, so nothing lists them at run time).
 */
export function protocolNames(): { customerEvents: string[]; agentEvents: string[]; errorCodes: string[] } {
  const source = ts.createSourceFile(PROTOCOL_SOURCE, readFileSync(PROTOCOL_SOURCE, 'utf8'), ts.ScriptTarget.Latest, true);
  return {
    customerEvents: interfaceMembers(source, 'CustomerClientEvents'),
    agentEvents: interfaceMembers(source, 'AgentClientEvents'),
    errorCodes: unionLiterals(source, 'ErrorCode'),
  };
}

const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype } as const;

/** The own property names and descriptors of the built-in prototypes, to compare after a run. */
export function prototypeSnapshot(): Record<string, Record<string, string>> {
  const snapshot: Record<string, Record<string, string>> = {};
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    const described: Record<string, string> = {};
    for (const key of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      described[key] = `${typeof d.value === 'function' ? `fn ${(d.value as { name: string }).name}` : typeof d.value}|${typeof d.get}|${typeof d.set}|${d.enumerable}|${d.writable}`;
    }
    snapshot[name] = described;
  }
  return snapshot;
}

/** Fails if a prototype changed since `before`, or a fresh object reads any probe or hostile key. */
export function assertPrototypesClean(before: ReturnType<typeof prototypeSnapshot>): void {
  assert.deepEqual(prototypeSnapshot(), before, 'a built-in prototype was changed');
  const fresh: Record<string, unknown> = {};
  for (const probe of POLLUTION_PROBES) assert.equal(fresh[probe], undefined, `({}).${probe} is defined: Object.prototype was polluted`);
  assert.equal(Object.getPrototypeOf(fresh), Object.prototype);
  assert.equal(Object.getPrototypeOf(Object.prototype), null);
}

/** Checks a socket acknowledgement: success, or a named error that is not the server's own failure. */
export function assertAck(reply: unknown, errorCodes: readonly string[], what: string): void {
  assert.ok(typeof reply === 'object' && reply !== null, `${what}: the ack is not an object: ${String(reply)}`);
  const ack = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ack.ok === true) return;
  assert.equal(ack.ok, false, `${what}: ack.ok is neither true nor false: ${JSON.stringify(reply).slice(0, 300)}`);
  assert.ok(typeof ack.error?.code === 'string', `${what}: an error ack without a code: ${JSON.stringify(reply).slice(0, 300)}`);
  assert.notEqual(ack.error.code, 'internal_error', `${what}: the server failed: ${JSON.stringify(reply).slice(0, 300)}`);
  assert.ok(errorCodes.includes(ack.error.code), `${what}: unknown error code ${ack.error.code}`);
  assert.equal(typeof ack.error.message, 'string', `${what}: an error without a message`);
}
