/**
 * What the HTTP edge defences cost a remembered public answer: a Node server sending the same 2.6 kB
 * JSON body, bare (the baseline) and with the server's last-resort listener and connection limits
 * (http/last-resort.ts, http/connection-limits.ts), alternating 3-second runs of 50 keep-alive
 * clients on loopback, after a warm-up, 5 rounds; prints the median ratio of answers per second (edge / bare).
 * `npx tsx bench/server/edge-overhead.ts`
 */
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CONNECTION_LIMITS, applyConnectionLimits, checkingIntervalMs } from '@migov/server/connection-limits';
import { guardListener } from '@migov/server/last-resort';

const body = Buffer.from(
  JSON.stringify({
    items: Array.from({ length: 40 }, (_, index) => ({
      jurisdiction: String(100 + index),
      category: index % 4,
      published: '2023-06-01',
    })),
  }),
);
const headers = {
  'content-type': 'application/json; charset=utf-8',
  'content-length': body.length,
  etag: '"bench"',
  'cache-control': 'public, max-age=0, must-revalidate',
};
const answer = (_request: IncomingMessage, response: ServerResponse) => response.writeHead(200, headers).end(body);
const silent = { error: () => undefined } as never;

function bare(): Server {
  return createServer(answer);
}

function withEdge(): Server {
  const server = createServer(
    { connectionsCheckingInterval: checkingIntervalMs(DEFAULT_CONNECTION_LIMITS) },
    guardListener(
      (request, response) => {
        connections.track(request, response);
        answer(request, response);
      },
      () => silent,
    ),
  );
  const connections = applyConnectionLimits(server, DEFAULT_CONNECTION_LIMITS);
  return server;
}

async function rate(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/api/v1/published/2023', agent }, (response) => {
        response.resume();
        response.once('end', resolve);
      })
        .once('error', reject)
        .end();
    });
  let answers = 0;
  const until = performance.now() + 3_000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < until) {
        await get();
        answers += 1;
      }
    }),
  );
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return answers / 3;
}

// A warm-up run of each (JIT, sockets) before the measured rounds, which alternate which goes first.
await rate(bare());
await rate(withEdge());
const ratios: number[] = [];
for (let round = 0; round < 5; round += 1) {
  let baseline: number;
  let edge: number;
  if (round % 2 === 0) {
    baseline = await rate(bare());
    edge = await rate(withEdge());
  } else {
    edge = await rate(withEdge());
    baseline = await rate(bare());
  }
  ratios.push(edge / baseline);
  process.stdout.write(
    `round ${round + 1}: bare ${baseline.toFixed(0)}/s, with the edge defences ${edge.toFixed(0)}/s, ratio ${(edge / baseline).toFixed(3)}\n`,
  );
}
ratios.sort((a, b) => a - b);
process.stdout.write(`median ratio (edge / bare): ${ratios[2]!.toFixed(3)}\n`);
