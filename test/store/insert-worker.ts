/**
 * Child process for the cross-process race tests: reads submissionIds as JSON
 * on stdin, inserts each into the store file given in argv (in an order that
 * depends on the seed, concurrently), and prints {submissionId: result} as JSON.
 */
import { text } from 'node:stream/consumers';
import { openSqliteResponseStore } from '../../server/store/sqlite-response-store.ts';
import { newResponse } from './new-response.ts';

const [file, seedText] = process.argv.slice(2);
const submissionIds: string[] = JSON.parse(await text(process.stdin));
const seed = Number(seedText);
// Rotate the order so the processes meet in different places, not in lock-step.
const start = Math.floor((submissionIds.length * seed) / 3);
const ordered = [...submissionIds.slice(start), ...submissionIds.slice(0, start)];

const store = await openSqliteResponseStore(file);
const output: Record<string, unknown> = {};
for (let i = 0; i < ordered.length; i += 10) {
  const chunk = ordered.slice(i, i + 10);
  const results = await Promise.all(chunk.map((submissionId) => store.insert(newResponse({ submissionId, data: { by: seed } }))));
  chunk.forEach((submissionId, j) => (output[submissionId] = results[j]));
}
await store.close();
process.stdout.write(JSON.stringify(output));
