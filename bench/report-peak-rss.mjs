// Preloaded into a benchmarked child process (`node --import ./bench/report-peak-rss.mjs …`):
// on exit, prints the process's peak resident set size, which the kernel tracks for us (getrusage ru_maxrss).
process.on('exit', () => {
  process.stderr.write(`peak-rss-kib=${process.resourceUsage().maxRSS}\n`);
});
