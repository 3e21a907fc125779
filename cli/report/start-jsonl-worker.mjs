// A worker thread does not inherit the main thread's tsx hooks: register them here, then run
// the TypeScript worker (docs/decisions/0003-typescript-without-a-build-step.md).
import { register } from 'tsx/esm/api';

register();
await import('./jsonl-worker.ts');
