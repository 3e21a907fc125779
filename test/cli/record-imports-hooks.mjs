// Module hooks for report-lazy-imports.test.ts: appends every resolved module URL to the file named by
// RECORD_IMPORTS_TO, so the test sees what a CLI run loaded (ESM imports and the entry of each package).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.RECORD_IMPORTS_TO) appendFileSync(process.env.RECORD_IMPORTS_TO, `${resolved.url}\n`);
  return resolved;
}
