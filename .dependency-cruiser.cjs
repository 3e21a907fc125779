/**
 * The layer rules of docs/architecture.md, checked on every `npm test`
 * (https://github.com/sverweij/dependency-cruiser/blob/main/doc/rules-reference.md).
 * The compiler already refuses most of these through the tsconfig project
 * references; this adds what a compiler cannot see: imports of I/O packages
 * by pure layers, cycles between modules, and the direction between folders
 * that share one set of globals.
 *
 * Layers, lowest first: contracts → core → analysis → server → cli.
 * The client sits beside the server and may use contracts and core only.
 */
const IO_PACKAGES = '^(better-sqlite3|mongodb|express|compression|helmet|exceljs|tsx|playwright-core|autocannon)($|/)';
const NODE_BUILTINS = { dependencyTypes: ['core'] };

/** Folders a layer must never import, lower layers first. */
const higher = {
  contracts: '^(core|analysis|server|cli|client|bench|test)/',
  core: '^(analysis|server|cli|client|bench|test)/',
  analysis: '^(server|cli|client|bench|test)/',
  server: '^(cli|client|bench|test)/',
  cli: '^(client|bench|test)/',
};

module.exports = {
  forbidden: [
    ...Object.entries(higher).map(([layer, forbiddenPath]) => ({
      name: `${layer}-imports-a-higher-layer`,
      comment: `${layer}/ may only import layers below it (docs/architecture.md).`,
      severity: 'error',
      from: { path: `^${layer}/` },
      to: { path: forbiddenPath },
    })),
    {
      name: 'pure-layer-does-io',
      comment: 'contracts/, core/ and analysis/ are pure: no Node built-ins and no I/O packages. Reading and writing belongs to server/ and cli/.',
      severity: 'error',
      from: { path: '^(contracts|core|analysis)/' },
      to: { ...NODE_BUILTINS },
    },
    {
      name: 'pure-layer-imports-io-package',
      comment: 'contracts/, core/ and analysis/ are pure: no database, HTTP or file packages.',
      severity: 'error',
      from: { path: '^(contracts|core|analysis)/' },
      to: { path: `node_modules/${IO_PACKAGES.slice(1)}` },
    },
    {
      name: 'client-imports-server-side',
      comment: 'The browser app may use contracts/ and core/ only; server, cli and analysis code (and Node) never ship to a tablet.',
      severity: 'error',
      from: { path: '^client/', pathNot: '^client/(build/|vite\\.config\\.ts$)' },
      to: { path: '^(server|cli|analysis|bench|test)/' },
    },
    {
      name: 'client-uses-node',
      comment: 'Browser code cannot use Node built-ins; build-time code lives in client/build/.',
      severity: 'error',
      from: { path: '^client/', pathNot: '^client/(build/|vite\\.config\\.ts$)' },
      to: { ...NODE_BUILTINS },
    },
    {
      name: 'client-imports-io-package',
      comment: 'Server-side packages never ship to a tablet.',
      severity: 'error',
      from: { path: '^client/', pathNot: '^client/(build/|vite\\.config\\.ts$)' },
      to: { path: `node_modules/${IO_PACKAGES.slice(1)}` },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one; break it by moving the shared part down a layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve fails at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.tsbuild)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
