import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { connect } from 'node:net';
import { acceptsGzip, etagOf, gzipVariant, ifNoneMatchHits, jsonBody, PublicBodyCache, rawHeader } from './etag.ts';

describe('ETags', () => {
  it('matches If-None-Match lists, weak forms and the wildcard', () => {
    const etag = etagOf('{"a":1}');
    expect(ifNoneMatchHits(etag, etag)).toBe(true);
    expect(ifNoneMatchHits(`"other", W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits('*', etag)).toBe(true);
    expect(ifNoneMatchHits('"other"', etag)).toBe(false);
    expect(ifNoneMatchHits(undefined, etag)).toBe(false);
  });
});

describe('rawHeader', () => {
  it('reads a request header from the raw list as Node reads it, in any case, repeated lines joined', async () => {
    const names = ['accept-encoding', 'if-none-match', 'host', 'x-absent'];
    const seen = new Promise<{ ours: (string | undefined)[]; nodes: (string | undefined)[] }>((resolve) => {
      const server = createServer((request, response) => {
        const ours = names.map((name) => rawHeader(request.rawHeaders, name));
        resolve({ ours, nodes: names.map((name) => request.headers[name] as string | undefined) });
        response.end();
        server.close();
      }).listen(0, '127.0.0.1', () => {
        const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () =>
          socket.end(
            'GET / HTTP/1.1\r\nHost: here\r\nACCEPT-ENCODING: br\r\nIf-None-Match: "a"\r\n' +
              'Accept-Encoding: gzip;q=0.5\r\nif-none-match: W/"b"\r\nConnection: close\r\n\r\n',
          ),
        );
        socket.resume();
      });
    });
    const { ours, nodes } = await seen;
    expect(ours).toEqual(nodes);
    expect(ours).toEqual(['br, gzip;q=0.5', '"a", W/"b"', 'here', undefined]);
  });
});

describe('gzip variants', () => {
  it('reads Accept-Encoding with its weights', () => {
    for (const header of ['gzip', 'gzip, deflate, br, zstd', 'br;q=1.0, gzip;q=0.8', '*', 'X-GZIP', ' gzip ; q=1 '])
      expect(acceptsGzip(header)).toBe(true);
    for (const header of [undefined, '', 'identity', 'br', 'gzip;q=0', 'gzip; q=0.000', '*;q=0', 'gzip;q=0, *'])
      expect(acceptsGzip(header)).toBe(false);
  });

  it('compresses large text bodies once, with their own ETag, and leaves small or binary ones', () => {
    const words = Array.from({ length: 400 }, (_, index) => ((index * 2_654_435_761) % 46_656).toString(36));
    const large = jsonBody({ words });
    const variant = gzipVariant(large)!;
    expect(gunzipSync(variant.body).equals(large.body as Buffer)).toBe(true);
    expect(variant.etag).not.toBe(large.etag);
    expect(gzipVariant({ ...large })).toBe(variant);
    expect(gzipVariant(jsonBody({ small: words[0] }))).toBeUndefined();
    const binary = { ...large, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    expect(gzipVariant({ ...binary, etag: etagOf('another body') })).toBeUndefined();
  });
});

describe('PublicBodyCache', () => {
  it('builds once for concurrent requests, again after expiry, and forgets on invalidation', async () => {
    let clock = 0;
    let builds = 0;
    const cache = new PublicBodyCache(10, 1000, () => clock);
    const build = async () => {
      builds += 1;
      await new Promise((resolveWait) => setTimeout(resolveWait, 5));
      return jsonBody({ builds });
    };
    const bodies = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', build)));
    expect(builds).toBe(1);
    expect(new Set(bodies.map((body) => body.etag)).size).toBe(1);
    clock = 500;
    await cache.get('k', build);
    expect(builds).toBe(1);
    clock = 1500;
    // Expired: the previous body is served at once while a fresh one is built in the background.
    expect(JSON.parse(String((await cache.get('k', build)).body))).toEqual({ builds: 1 });
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    expect(builds).toBe(2);
    expect(JSON.parse(String((await cache.get('k', build)).body))).toEqual({ builds: 2 });
    cache.invalidate();
    await cache.get('k', build);
    expect(builds).toBe(3);
  });

  it('does not keep a failed build', async () => {
    const cache = new PublicBodyCache();
    await expect(cache.get('k', async () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    await new Promise((resolveWait) => setTimeout(resolveWait, 0));
    expect(String((await cache.get('k', async () => jsonBody(1))).body)).toBe('1');
  });

  it('sends the remembered answer while its refresh runs, and the refreshed one once it ends', async () => {
    let clock = 0;
    const cache = new PublicBodyCache(10, 1000, () => clock);
    let builds = 0;
    let release = () => {};
    const build = async () => {
      builds += 1;
      const version = builds;
      if (version > 1) await new Promise<void>((resolveBuild) => (release = resolveBuild));
      return jsonBody({ version, padding: Math.random() });
    };
    // The route: the body from the cache, remembered under its URL.
    let routed = 0;
    const server = createServer((request, response) => {
      if (cache.answerDirectly(request, response)) return;
      routed += 1;
      void cache.get('k', build).then((body) => {
        cache.remember(request.url!, body, {});
        response.writeHead(200, { 'content-type': body.contentType }).end(body.body);
      });
    });
    await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/k`;
    const version = async () => ((await (await fetch(url)).json()) as { version: number }).version;
    try {
      expect([await version(), await version(), routed]).toEqual([1, 1, 1]);
      clock = 1500;
      // Due for refresh: the route starts it and sends the previous body; then the remembered answer.
      expect([await version(), routed]).toEqual([1, 2]);
      expect([await version(), await version(), routed]).toEqual([1, 1, 2]);
      release();
      await new Promise((resolveWait) => setTimeout(resolveWait, 10));
      expect([await version(), await version(), routed, builds]).toEqual([2, 2, 3, 2]);
    } finally {
      server.close();
    }
  });
});
