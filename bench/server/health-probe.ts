/**
 * The /health prober of the parse-off-thread benchmark, run as a child process so that its timers do
 * not share the server's event loop: asks GET /health back to back (10 ms apart) for `ms`
 * milliseconds and writes the latencies as JSON on stdout. Args: <url> <ms>
 */
import { setTimeout as sleep } from 'node:timers/promises';

const [url, duration] = [process.argv[2]!, Number(process.argv[3])];
const latencies: number[] = [];
const end = performance.now() + duration;
while (performance.now() < end) {
  const sent = performance.now();
  const response = await fetch(`${url}/health`);
  await response.arrayBuffer();
  latencies.push(performance.now() - sent);
  await sleep(10);
}
process.stdout.write(JSON.stringify(latencies));
