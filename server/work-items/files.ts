/**
 * Attachment bytes in the data directory: `attachments/<id>`, written through `attachments/tmp/`.
 *
 * Invariants:
 * - An upload is streamed to a temporary file while its size and SHA-256 are counted; it never
 *   sits whole in memory, and one over its limit stops being written at the limit (the rest of the
 *   request is read and dropped, so the client still gets an answer).
 * - A file's type is decided from its content (`sniffType`), never from its name or the client's
 *   claim: the type stored and served is the sniffed one.
 * - A file is moved to its final name before the row that names it is committed, so a stored row
 *   always has its file. A crash in between leaves an unnamed file, removed at the next start.
 * - Names on disk are server-made ids; the customer's file name is data, never part of a path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, type ReadStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { ATTACHMENT_TYPES, type AttachmentType } from '../../src/protocol/index.js';

/** A file received and written to the temporary folder, not yet part of a work item. */
export interface StagedFile {
  /** Path of the temporary file. */
  path: string;
  /** Bytes received (at most the limit + 1 when `tooLarge`). */
  size: number;
  sha256: string;
  /** More bytes came than the limit allowed; the file holds only the first ones. */
  tooLarge: boolean;
}

/** How much of a file is read to decide whether it is plain text. */
const TEXT_SNIFF_BYTES = 64 * 1024;

export class AttachmentFiles {
  readonly #dir: string;
  readonly #tmp: string;

  constructor(dataDir: string) {
    this.#dir = join(dataDir, 'attachments');
    this.#tmp = join(this.#dir, 'tmp');
    mkdirSync(this.#tmp, { recursive: true });
  }

  /** Streams `source` to a temporary file, keeping at most `limit` bytes; always reads it to its end. */
  async stage(source: Readable, limit: number): Promise<StagedFile> {
    const path = join(this.#tmp, randomBytes(12).toString('hex'));
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    const bound = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (tooLarge) return done();
        size += chunk.length;
        if (size > limit) {
          tooLarge = true;
          // Keep draining the source (the client is still sending), but write nothing more.
          return done();
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, bound, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      // A body cut short (or garbled) mid-file: what was written of it goes at once.
      await rm(path, { force: true });
      throw err;
    }
    return { path, size, sha256: hash.digest('hex'), tooLarge };
  }

  /**
   * The type of a staged file from its content: a signature file-type knows, else `text/plain`
   * for valid UTF-8 without control bytes other than tab and line ends, else ''.
   */
  async sniffType(path: string): Promise<AttachmentType | ''> {
    const found = await fileTypeFromFile(path);
    if (found) {
      // A type no form may accept (an executable, a zip, an SVG…) is reported as unknown.
      return (ATTACHMENT_TYPES as readonly string[]).includes(found.mime) ? (found.mime as AttachmentType) : '';
    }
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(TEXT_SNIFF_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, TEXT_SNIFF_BYTES, 0);
      return isPlainText(buffer.subarray(0, bytesRead), bytesRead === TEXT_SNIFF_BYTES) ? 'text/plain' : '';
    } finally {
      await handle.close();
    }
  }

  /** Moves a staged file to its final name. */
  async keep(staged: StagedFile, id: string): Promise<void> {
    await rename(staged.path, this.#pathOf(id));
  }

  /** Removes staged files, or kept files by id (a work item that was not stored after all). */
  async discard(staged: readonly StagedFile[], keptIds: readonly string[] = []): Promise<void> {
    await Promise.all([...staged.map((s) => s.path), ...keptIds.map((id) => this.#pathOf(id))].map((p) => rm(p, { force: true })));
  }

  /** A stored file's bytes. */
  read(id: string): ReadStream {
    return createReadStream(this.#pathOf(id));
  }

  /**
   * Start-up tidy: removes temporary files and files no row names (an upload cut short by a stop,
   * or a file kept just before its row failed to commit). `known` is every attachment id stored.
   */
  async tidy(known: ReadonlySet<string>): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.#tmp)) {
      await rm(join(this.#tmp, name), { force: true });
      removed += 1;
    }
    for (const entry of await readdir(this.#dir, { withFileTypes: true })) {
      if (entry.isFile() && !known.has(entry.name)) {
        await rm(join(this.#dir, entry.name), { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  #pathOf(id: string): string {
    // Ids are made here (`newId`): base64url, so never a path separator or `..`.
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`not an attachment id: ${id}`);
    return join(this.#dir, id);
  }
}

/**
 * Whether bytes are plain text: valid UTF-8 (a sequence cut at the end of a truncated sample is
 * allowed) with no control bytes other than tab, line feed, carriage return and form feed.
 */
export function isPlainText(bytes: Buffer, truncated: boolean): boolean {
  if (bytes.length === 0) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0B\x0E-\x1F\x7F]/.test(bytes.toString('latin1'))) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(bytes, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}
