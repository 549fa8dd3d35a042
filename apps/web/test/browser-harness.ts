/**
 * Test and benchmark support: the built app, the real server on a loopback port over a fresh SQLite
 * file, users with roles, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, existsSync, statSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createDatabase, createRound, createUser, grantRole, setPasswordHash, type MigovDatabase } from '@migov/db';
import { createApp, hashPassword, type MigovApp, type Role, type RoleScope } from '@migov/server';
import { createLivePageRenderer } from '../src/ssr/live-page.tsx';

export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(WEB_ROOT, 'dist');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const require = createRequire(import.meta.url);

function newestMtime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Build the app with Vite unless dist/ is newer than every source file. */
export async function buildWebApp(): Promise<void> {
  const fresh = () => {
    const index = join(DIST, 'index.html');
    return (
      existsSync(index) &&
      statSync(index).mtimeMs >
        Math.max(newestMtime(join(WEB_ROOT, 'src')), statSync(join(WEB_ROOT, 'index.html')).mtimeMs)
    );
  };
  if (fresh()) return;
  // Test files run in parallel processes: one builds while the others wait, so that none serves a
  // dist/ that another is emptying and writing again.
  const release = await lockFolder(join(WEB_ROOT, 'dist.lock'));
  try {
    if (fresh()) return;
    const { build } = await import('vite');
    // Inside Vitest NODE_ENV is "test", which would bundle React's development build: force production.
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
    } finally {
      process.env.NODE_ENV = previous;
    }
  } finally {
    release();
  }
}

/** A lock between processes: a folder that only one can create (left by a dead process, it is taken after ten minutes). */
async function lockFolder(path: string): Promise<() => void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = statSync(path, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 600_000) rmSync(path, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${path} stayed locked for ten minutes`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export const PASSWORD = 'a long test password 2026';

/** The page renderer `migov serve` gives the server, over a built app in `webRoot`. */
export function drawnPages(webRoot: string) {
  return createLivePageRenderer({
    readFile: (path) => readFile(join(webRoot, path), 'utf8').catch(() => undefined),
  });
}

export interface Platform {
  url: string;
  db: MigovDatabase;
  app: MigovApp;
  close(): Promise<void>;
}

/**
 * A fresh SQLite database file, migrated, served with the built web app (or a private copy of it) on
 * 127.0.0.1, its public pages drawn on the server as `migov serve` draws them (unless `drawPages` is false).
 */
export async function startPlatform(options: { privateCopy?: boolean; drawPages?: boolean } = {}): Promise<Platform> {
  const folder = mkdtempSync(join(tmpdir(), 'migov-web-'));
  // A private copy of the build keeps the test's chunks stable while another test file rebuilds dist/.
  const webRoot = options.privateCopy ? join(folder, 'dist') : DIST;
  if (options.privateCopy) cpSync(DIST, webRoot, { recursive: true });
  const db = await createDatabase({ url: `sqlite:${join(folder, 'migov.sqlite')}` });
  await db.migrate();
  const app = await createApp({
    db,
    config: { webRoot, signInPerIpPerMinute: 1000 },
    ...(options.drawPages === false ? {} : { renderPage: drawnPages(webRoot) }),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    db,
    app,
    async close() {
      await app.close();
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** An active user with a password and roles. */
export async function addUser(
  db: MigovDatabase,
  email: string,
  name: string,
  grants: { role: Role; scope: RoleScope }[],
) {
  const user = await createUser(db, { email, name });
  passwordHash ??= hashPassword(PASSWORD);
  await setPasswordHash(db, user.id, await passwordHash);
  for (const grant of grants) await grantRole(db, { userId: user.id, ...grant }, null);
  return user;
}

/** The 2023 round of SDG 10.7.2, open (until `closesOn`, far ahead unless given). */
export function addRound(db: MigovDatabase, closesOn = '2099-12-31') {
  return createRound(db, {
    year: 2023,
    instrument: 'sdg-10-7-2',
    version: '2019',
    opensOn: '2023-01-01',
    closesOn,
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('Chromium is missing: apt-get install -y chromium');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Run axe-core in the page; the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy does
  // not govern (a script tag with inline code would be refused by it, as it should be).
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/**
 * Make a page's uncaught errors fail the test, and every Content-Security-Policy violation it reports
 * in its console: the server's CSP must allow everything the app does.
 */
export function failOnPageErrors(page: Page): void {
  waitForTheAppOnEachVisit(page);
  page.on('pageerror', (error) => {
    throw error;
  });
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text()))
      throw new Error(`CSP violation on ${page.url()}: ${message.text()}`);
  });
}

/**
 * A page drawn on the server is shown before the app has taken it over, and a control used in that
 * moment does nothing (a reader sees the app answer a moment later). Tests act like a reader who
 * waits: each `page.goto` returns once the app has taken the page over (the mark ClientApp sets), or
 * at once for a page the app draws itself.
 */
function waitForTheAppOnEachVisit(page: Page): void {
  const goto = page.goto.bind(page);
  page.goto = async (...args: Parameters<Page['goto']>) => {
    const response = await goto(...args);
    await page.waitForFunction(
      () => {
        const { document } = globalThis as unknown as {
          document: { getElementById(id: string): unknown; documentElement: { dataset: Record<string, string> } };
        };
        return document.getElementById('migov-page-data') === null || document.documentElement.dataset.app === 'ready';
      },
      undefined,
      { polling: 100 },
    );
    return response;
  };
}

/** A test's browser tab: a fresh context on demand (page errors and CSP violations fail the test), axe audits kept by name, sign-in through the form. */
export function browserTab(browser: Browser, url: () => string) {
  let context: BrowserContext | undefined;
  let current: Page | undefined;
  const violations: Record<string, string[]> = {};
  const tab = {
    violations,
    get page(): Page {
      if (!current) throw new Error('call fresh() first');
      return current;
    },
    async fresh(): Promise<Page> {
      await context?.close();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      current = await context.newPage();
      failOnPageErrors(current);
      return current;
    },
    async audit(name: string): Promise<void> {
      violations[name] = await seriousViolations(tab.page);
    },
    /** The audits with findings whose name starts with `prefix`. */
    failing(prefix = ''): Record<string, string[]> {
      return Object.fromEntries(
        Object.entries(violations).filter(([name, found]) => name.startsWith(prefix) && found.length > 0),
      );
    },
    async signIn(email: string): Promise<Page> {
      const page = await tab.fresh();
      await page.goto(`${url()}/en/sign-in/`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Signed in: the header offers to sign out (users without a role have no assessments page to land on).
      await page.getByRole('button', { name: /^Sign out/ }).waitFor();
      return page;
    },
  };
  return tab;
}
