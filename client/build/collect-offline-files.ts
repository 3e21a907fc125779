/**
 * Which built files the service worker stores for offline use: everything the
 * app can load from its entry, statically or lazily (React, the survey pages,
 * their UI strings, CSS and assets), except the chunks of pages that are only
 * for staff at a desk with a network (dashboard, login) and whatever only they
 * reach, so kiosk tablets never download analyst code such as Chart.js.
 */
export interface BuiltChunk {
  fileName: string;
  isEntry: boolean;
  /** The module a chunk stands for, when it is an entry or a dynamic-import target. */
  facadeModuleId: string | null;
  imports: readonly string[];
  dynamicImports: readonly string[];
  css: readonly string[];
  assets: readonly string[];
}

export function collectOfflineFiles(chunks: readonly BuiltChunk[], isOnlineOnlyModule: (moduleId: string) => boolean): string[] {
  const byFileName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const files = new Set<string>();

  const visit = (fileName: string): void => {
    if (files.has(fileName)) return;
    const chunk = byFileName.get(fileName);
    if (!chunk) throw new Error(`chunk graph names a file that is not in the bundle: ${JSON.stringify(fileName)}`);
    if (chunk.facadeModuleId && isOnlineOnlyModule(chunk.facadeModuleId)) return;
    files.add(fileName);
    for (const file of [...chunk.css, ...chunk.assets]) files.add(file);
    for (const imported of [...chunk.imports, ...chunk.dynamicImports]) visit(imported);
  };

  for (const chunk of chunks) if (chunk.isEntry) visit(chunk.fileName);
  return [...files].sort();
}
