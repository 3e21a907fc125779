/**
 * A one-line progress bar on stderr for long reads. Only when stderr is a terminal: in a pipe
 * or a log file the carriage-return redraws would be noise. Redraws at most every 100 ms.
 */
export interface ProgressBar {
  update(done: number, detail: string): void;
  finish(): void;
}

const WIDTH = 30;
const INTERVAL_MS = 100;

export function createProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY || total <= 0) return { update() {}, finish() {} };
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done, detail) {
      const now = Date.now();
      if (now - lastDraw < INTERVAL_MS) return;
      lastDraw = now;
      const fraction = Math.min(1, done / total);
      const filled = Math.round(fraction * WIDTH);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${detail}\u001b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
