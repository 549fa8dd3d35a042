/**
 * The real server started as the product starts it, with its demo data and its public pages drawn on
 * the server, on a private copy of the built web app (other test files rebuild dist/ meanwhile): for
 * browser tests that visit every page.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@migov/server';
import { buildWebApp, DIST, drawnPages } from './browser-harness.ts';

export interface DemoServer {
  server: RunningServer;
  url: string;
  /** The demo users' shared password. */
  password: string;
  /** The id of the first partnership of the registry. */
  partnership: string;
  close(): Promise<void>;
}

/** Build the app if needed, then start the server with demo data in a throwaway folder. */
export async function startDemoServer(prefix: string): Promise<DemoServer> {
  await buildWebApp();
  const folder = mkdtempSync(join(tmpdir(), prefix));
  cpSync(DIST, join(folder, 'dist'), { recursive: true });
  const lines: string[] = [];
  const server = await startServer({
    databaseUrl: `sqlite:${join(folder, 'migov.sqlite')}`,
    host: '127.0.0.1',
    port: 0,
    demo: true,
    webRoot: join(folder, 'dist'),
    logger: false,
    report: (line) => lines.push(line),
    config: { signInPerIpPerMinute: 1000 },
    renderPage: drawnPages(join(folder, 'dist')),
  });
  const password = lines
    .find((line) => line.startsWith('Demo users'))!
    .split(': ')[1]!
    .trim();
  const partnerships = (await (await fetch(`${server.url}/api/v1/partnerships`)).json()) as {
    items: { id: string }[];
  };
  return {
    server,
    url: server.url,
    password,
    partnership: partnerships.items[0]!.id,
    async close() {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
