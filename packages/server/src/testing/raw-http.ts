/** Test support: HTTP/1.1 requests written byte for byte on a loopback socket (hostile input a client library would refuse or rewrite). */
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';

/** A log stream that keeps nothing (a server with logs on, but quiet in the test output). */
export const silentLog = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** A parsed answer. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

/** Parse an HTTP/1.1 answer read to the end of the connection (Connection: close). */
export function parseAnswer(bytes: Buffer): RawAnswer {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete answer: ${JSON.stringify(bytes.subarray(0, 200).toString('latin1'))}`);
  const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  let body = bytes.subarray(end + 4);
  if (headers['transfer-encoding']?.[0] === 'chunked') {
    const chunks: Buffer[] = [];
    for (let at = 0; at < body.length;) {
      const lineEnd = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
      if (!size) break;
      chunks.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(chunks);
  }
  return { status, headers, body };
}

/** Open a connection to 127.0.0.1:port. */
export function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Send `head` (the request line and headers, without the blank line) and an optional body; read the answer to the end. */
export async function rawRequest(
  port: number,
  head: Buffer | string,
  body: Buffer = Buffer.alloc(0),
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  const socket = await openSocket(port);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(head.toString().slice(0, 120))}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(Buffer.concat(chunks)));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.write(
      Buffer.concat([Buffer.isBuffer(head) ? head : Buffer.from(head, 'latin1'), Buffer.from('\r\n\r\n'), body]),
    );
  });
}

/** A GET of `target` (path and query, sent as given) that closes the connection after the answer. */
export function rawGet(
  port: number,
  target: Buffer | string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const lines = Buffer.concat([
    Buffer.from('GET '),
    Buffer.isBuffer(target) ? target : Buffer.from(target, 'latin1'),
    Buffer.from(
      ` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close${Object.entries(headers)
        .map(([name, value]) => `\r\n${name}: ${value}`)
        .join('')}`,
    ),
  ]);
  return rawRequest(port, lines);
}
