// What the script-tag loader needs to know of the `widget` build (vite.config.ts): for each entry
// it can load, the file to import and every file that import pulls in statically, to preload them
// all at once. Read from Vite's build manifest; paths relative to dist/parley/.

/** One entry of Vite's build manifest (the fields used here and by scripts/size-check.ts). */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/**
 * The files (paths relative to dist/parley/) reached from the manifest keys `roots`, each once,
 * roots first and then depth first: their static imports always, and their dynamic imports where
 * `dynamic` holds for the imported key.
 */
export function closure(manifest: Manifest, roots: string[], dynamic: (key: string) => boolean): string[] {
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
    for (const dep of manifest[key].dynamicImports ?? []) if (dynamic(dep)) visit(dep);
  };
  roots.forEach(visit);
  return [...seen].map((key) => manifest[key].file);
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

export function chunkTable(manifest: Manifest): ChunkTable {
  const entry = (source: string): ChunkEntry => {
    const chunk = manifest[source];
    if (!chunk?.isEntry) throw new Error(`the widget build has no entry for ${source}: run the widget build first`);
    // The entry itself comes first; the loader imports it and preloads the rest.
    return { file: chunk.file, preload: closure(manifest, [source], () => false).slice(1) };
  };
  return { chat: entry('src/widget/chat.ts'), workItem: entry('src/widget/work-item.ts') };
}
