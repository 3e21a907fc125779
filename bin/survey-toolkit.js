#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so there is no build step
// between `npm install` and `npx survey-toolkit` (docs/decisions/0003-typescript-without-a-build-step.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
