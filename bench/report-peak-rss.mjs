// Preloaded into a benchmarked child process (`node --import ./bench/report-peak-rss.mjs …`):
// on exit, prints the process's peak resident set size, which the kernel tracks for us (getrusage ru_maxrss), and the
// CPU time it used (user + system, all threads), which is steadier than wall time on a machine others share.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`peak-rss-kib=${usage.maxRSS}\ncpu-us=${usage.userCPUTime + usage.systemCPUTime}\n`);
});
