// What the script-tag loader needs to know of the `widget` build (vite.config.ts): for each entry
// it can load, the file to import and every file that import pulls in statically, to preload them
// all at once. Read from Vite's build manifest; paths relative to dist/parley/.

/** One entry of Vite's build manifest (the fields used here). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** An entry the loader can load: the file to import, and the files to preload with it. */
export interface ChunkEntry {
  file: string;
  preload: string[];
}

/** The table baked into the loader as `__PARLEY_CHUNKS__`. */
export interface ChunkTable {
  chat: ChunkEntry;
  workItem: ChunkEntry;
}

export function chunkTable(manifest: Record<string, ManifestChunk>): ChunkTable {
  const entry = (source: string): ChunkEntry => {
    const chunk = manifest[source];
    if (!chunk?.isEntry) throw new Error(`the widget build has no entry for ${source}: run the widget build first`);
    const preload = new Set<string>();
    const walk = (key: string): void => {
      for (const dep of manifest[key]?.imports ?? []) {
        if (preload.has(manifest[dep].file)) continue;
        preload.add(manifest[dep].file);
        walk(dep);
      }
    };
    walk(source);
    return { file: chunk.file, preload: [...preload] };
  };
  return { chat: entry('src/widget/chat.ts'), workItem: entry('src/widget/work-item.ts') };
}
