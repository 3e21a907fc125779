/**
 * The layer rules in .dependency-cruiser.cjs, tried on a small tree of their
 * own: each forbidden import must be reported, and the allowed direction must
 * pass. `npm test` runs the same rules on the real tree (`npm run lint:layers`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const depcruise = join(repo, 'node_modules/.bin/depcruise');
let tree: string;

async function write(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(tree, path)), { recursive: true });
    await writeFile(join(tree, path), text);
  }
}

/** Runs the real config over the tree; resolves to the names of the rules it reports. */
async function violations(): Promise<string[]> {
  const args = ['--config', join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json', 'contracts', 'core', 'analysis', 'server', 'client'];
  const { stdout } = await run(depcruise, args, { cwd: tree }).catch((error: { stdout: string }) => error);
  const result = JSON.parse(stdout) as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

beforeAll(async () => {
  tree = await mkdtemp(join(tmpdir(), 'layer-rules-'));
  await write({
    'tsconfig.base.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true } }),
    'package.json': JSON.stringify({ type: 'module' }),
    'contracts/record.ts': 'export type Record = { id: string };\n',
    'core/label.ts': "import type { Record } from '../contracts/record.ts';\nexport const label = (r: Record) => r.id;\n",
    'analysis/count.ts': "import { label } from '../core/label.ts';\nexport const count = (ids: string[]) => ids.map((id) => label({ id })).length;\n",
    'server/route.ts': "import { count } from '../analysis/count.ts';\nexport const handle = () => count([]);\n",
    'client/page.ts': "import { label } from '../core/label.ts';\nexport const show = () => label({ id: 'a' });\n",
  });
});

afterAll(async () => {
  await rm(tree, { recursive: true, force: true });
});

describe('layer rules', () => {
  it('pass a tree whose imports point down', async () => {
    expect(await violations()).toEqual([]);
  });

  it('report Node I/O in analysis and core, server code in the client, upward imports and cycles', async () => {
    await write({
      'analysis/read.ts': "import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync('x');\n",
      'core/save.ts': "import { writeFile } from 'node:fs/promises';\nexport const save = () => writeFile('x', '');\n",
      'client/admin.ts': "import { handle } from '../server/route.ts';\nexport const admin = () => handle();\n",
      'core/up.ts': "import { count } from '../analysis/count.ts';\nexport const up = () => count([]);\n",
      'analysis/a.ts': "import { b } from './b.ts';\nexport const a = () => b();\n",
      'analysis/b.ts': "import { a } from './a.ts';\nexport const b = (): unknown => a;\n",
    });
    const found = await violations();
    expect(found).toEqual(
      expect.arrayContaining([
        'pure-layer-does-io: analysis/read.ts -> fs',
        'pure-layer-does-io: core/save.ts -> fs/promises',
        'client-imports-server-side: client/admin.ts -> server/route.ts',
        'core-imports-a-higher-layer: core/up.ts -> analysis/count.ts',
        'no-circular: analysis/a.ts -> analysis/b.ts',
      ]),
    );
  });
});
