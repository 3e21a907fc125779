/**
 * `npx tsx bench/text.bench.ts`: the cost of the free-text analysis (issue 27) at city scale. Generates
 * BENCH_TEXT_SIZE (default 100,000) seeded comments (analysis/text/compose-comment.ts, ages spread over six bands),
 * then times, in one process:
 * - loading kuromoji's dictionary (once per process: read, gunzip, build);
 * - masking and tokenizing every comment (tokenizeComments: what a report would cache per response id);
 * - the figures from the tokens (frequencies, by group, network, five codes and their cross-tab);
 * and prints peak RSS. A measurement, not a test: run it alone (it takes one core fully), e.g.
 *     flock /tmp/heavy.lock timeout 900 npx tsx bench/text.bench.ts
 * Writes bench/results/text.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { analyzeTokenizedComments, tokenizeComments } from '../analysis/text/analyze-comments.ts';
import { composeComment } from '../analysis/text/compose-comment.ts';
import { loadTokenizer } from '../analysis/text/load-tokenizer.ts';
import { parseCodingRules } from '../analysis/text/parse-coding-rules.ts';
import { createSeededRandom } from '../analysis/stats/seeded-random.ts';
import { readKuromojiDictionary } from '../server/text/read-kuromoji-dictionary.ts';

const SIZE = Number(process.env.BENCH_TEXT_SIZE ?? 100_000);
const BANDS = ['20代以下', '30代', '40代', '50代', '60代', '70代以上'];
const RULES = parseCodingRules(
  ['*待ち時間', '待ち時間 | 待つ | 混雑', '*紙・押印', '書類 | 押印 | ハンコ | 紙 | 申請書', '*駐車場', '駐車場', '*オンライン', 'オンライン | web | 電子申請 | スマホ | ネット', '*案内表示', '案内表示 | 案内板 | 表示'].join('\n'),
);

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

const random = createSeededRandom(1);
const comments = Array.from({ length: SIZE }, () => {
  const group = Math.floor(random() * BANDS.length);
  return { text: composeComment(random, { age: group / (BANDS.length - 1) }).text, group };
});
const characters = comments.reduce((sum, c) => sum + c.text.length, 0);

let started = process.hrtime.bigint();
const analyzer = await loadTokenizer(readKuromojiDictionary);
const loadSeconds = seconds(started);

started = process.hrtime.bigint();
const tokenized = tokenizeComments(comments, analyzer);
const tokenizeSeconds = seconds(started);

started = process.hrtime.bigint();
const section = analyzeTokenizedComments(tokenized, { question: 'comment', minGroupSize: 10, groups: BANDS, codingRules: RULES });
const figuresSeconds = seconds(started);

const result = {
  date: new Date().toISOString(),
  comments: SIZE,
  averageCharacters: Math.round((characters / SIZE) * 10) / 10,
  loadDictionarySeconds: Math.round(loadSeconds * 100) / 100,
  maskAndTokenizeSeconds: Math.round(tokenizeSeconds * 100) / 100,
  perThousandComments: Math.round((tokenizeSeconds / SIZE) * 1000 * 1000) / 1000,
  figuresSeconds: Math.round(figuresSeconds * 100) / 100,
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  words: section.words.length,
  edges: section.network.edges.length,
};
console.log(JSON.stringify(result, null, 2));
const out = join(import.meta.dirname, 'results');
await mkdir(out, { recursive: true });
await writeFile(join(out, 'text.json'), `${JSON.stringify(result, null, 2)}\n`);
