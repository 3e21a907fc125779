// Preloaded with --import by report-lazy-imports.test.ts: installs record-imports-hooks.mjs.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url);
