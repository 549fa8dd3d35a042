import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './start-server.ts';

describe('startServer', () => {
  const folder = mkdtempSync(join(tmpdir(), 'migov-server-'));
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('migrates an empty database, creates an administrator once, and serves over loopback', async () => {
    const lines: string[] = [];
    const databaseUrl = `sqlite:${join(folder, 'first.sqlite')}`;
    const server = await startServer({
      databaseUrl,
      host: '127.0.0.1',
      port: 0,
      demo: false,
      logger: false,
      report: (line) => lines.push(line),
    });
    servers.push(server);
    const password = lines.find((line) => line.startsWith('Its password'))?.split(': ')[1];
    expect(password).toMatch(/^\S{24}$/);

    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    const landing = await fetch(`${server.url}/`);
    expect(await landing.text()).toContain('/api/v1/docs');

    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@migov.local', password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const round = await fetch(`${server.url}/api/v1/rounds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        year: 2023,
        instrument: 'sdg-10-7-2',
        version: '2019',
        opensOn: '2023-01-01',
        closesOn: '2023-12-31',
      }),
    });
    expect(round.status).toBe(201);
    const forged = await fetch(`${server.url}/api/v1/rounds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    await server.close();
    servers.pop();

    const again: string[] = [];
    const restarted = await startServer({
      databaseUrl,
      host: '127.0.0.1',
      port: 0,
      demo: false,
      logger: false,
      report: (line) => again.push(line),
    });
    servers.push(restarted);
    expect(again.some((line) => line.includes('administrator'))).toBe(false);
    const rounds = (await (await fetch(`${restarted.url}/api/v1/rounds`)).json()) as { items: unknown[] };
    expect(rounds.items).toHaveLength(1);
  });

  it('adds labelled demo data that its demo users can sign in to', async () => {
    const lines: string[] = [];
    const server = await startServer({
      databaseUrl: `sqlite:${join(folder, 'demo.sqlite')}`,
      host: '127.0.0.1',
      port: 0,
      demo: true,
      logger: false,
      report: (line) => lines.push(line),
    });
    servers.push(server);
    const demoPassword = lines.find((line) => line.startsWith('Demo users'))?.split(': ')[1];
    expect(demoPassword).toBeDefined();
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'demo-focal-point@demo.migov.invalid', password: demoPassword }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const mine = (await (await fetch(`${server.url}/api/v1/assessments`, { headers: { cookie } })).json()) as {
      total: number;
    };
    expect(mine.total).toBeGreaterThan(0);
  });

  it('uses MIGOV_ADMIN_PASSWORD when given, and refuses a short one', async () => {
    await expect(
      startServer({
        databaseUrl: `sqlite:${join(folder, 'short.sqlite')}`,
        host: '127.0.0.1',
        port: 0,
        demo: false,
        logger: false,
        adminPassword: 'short',
        report: () => undefined,
      }),
    ).rejects.toThrow(/at least 12/);
    const lines: string[] = [];
    const server = await startServer({
      databaseUrl: `sqlite:${join(folder, 'given.sqlite')}`,
      host: '127.0.0.1',
      port: 0,
      demo: false,
      logger: false,
      adminPassword: 'a chosen admin password',
      report: (line) => lines.push(line),
    });
    servers.push(server);
    expect(lines.some((line) => line.startsWith('Its password'))).toBe(false);
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@migov.local', password: 'a chosen admin password' }),
    });
    expect(signIn.status).toBe(200);
  });
});
