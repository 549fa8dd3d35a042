/** Median wall time of `runs` runs after `warmup` runs, in milliseconds. */
export function measure(run: () => unknown, { runs = 7, warmup = 2 }: { runs?: number; warmup?: number } = {}): number {
  for (let index = 0; index < warmup; index += 1) run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
