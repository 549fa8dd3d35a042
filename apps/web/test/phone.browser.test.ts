/**
 * Every page on a phone (390x844), left to right and in Arabic (right to left), against the real
 * server started as the product starts it with its demo data: no page scrolls sideways (wide tables
 * scroll inside their own labelled, keyboard-focusable box), and the public pages write nothing to
 * the browser console when nobody is signed in (no 401 for the session read, no error of any kind).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { failOnPageErrors, launchBrowser } from './browser-harness.ts';
import { startDemoServer, type DemoServer } from './demo-server.ts';

const PHONE = { width: 390, height: 844 };

interface Widest {
  width: number;
  offenders: string[];
}

/** The document's scroll width, and the elements that reach beyond the viewport (for a useful failure). */
async function measure(page: Page): Promise<Widest> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || (box.right <= limit + 0.5 && box.left >= -0.5)) continue;
      // Report the outermost offender only: skip those inside an offending parent or a scrolling box.
      let parent = element.parentElement;
      let inside = false;
      while (parent && parent !== document.body) {
        const style = getComputedStyle(parent);
        const parentBox = parent.getBoundingClientRect();
        if (
          style.overflowX === 'auto' ||
          style.overflowX === 'scroll' ||
          style.overflowX === 'hidden' ||
          parentBox.right > limit + 0.5 ||
          parentBox.left < -0.5
        ) {
          inside = true;
          break;
        }
        parent = parent.parentElement;
      }
      if (!inside)
        offenders.push(
          `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? `.${element.className.split(' ').join('.')}` : ''} [${Math.round(box.left)}, ${Math.round(box.right)}]`,
        );
    }
    return { width: document.scrollingElement!.scrollWidth, offenders: offenders.slice(0, 5) };
  });
}

describe('every page on a phone (Chromium, 390 px, real server with demo data)', () => {
  let demo: DemoServer;
  let server: DemoServer['server'];
  let browser: Browser;
  let password: string;
  let partnership: string;
  let assessment: string;

  beforeAll(async () => {
    demo = await startDemoServer('migov-phone-');
    ({ server, password, partnership } = demo);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function phone(): Promise<{ context: BrowserContext; page: Page; console: string[] }> {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    failOnPageErrors(page);
    const console: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.push(`${page.url()}: ${message.text()}`);
    });
    return { context, page, console };
  }

  /** Open each path and collect the pages wider than the phone. */
  async function wideOnes(
    page: Page,
    paths: string[],
    ready: (page: Page) => Promise<void>,
  ): Promise<Record<string, Widest>> {
    const wide: Record<string, Widest> = {};
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      await ready(page);
      const found = await measure(page);
      if (found.width > PHONE.width) wide[path] = found;
    }
    return wide;
  }

  const publicPaths = (lang: string) => [
    `/${lang}/`,
    `/${lang}/country/484/`,
    `/${lang}/compare/?areas=484,76,36,250`,
    `/${lang}/data/`,
    `/${lang}/methodology/`,
    `/${lang}/partnerships/`,
    `/${lang}/partnerships/${partnership}/`,
    `/${lang}/indicators/`,
    `/${lang}/governance/`,
    `/${lang}/governance/crosswalk/`,
    `/${lang}/sign-in/`,
  ];

  /** The page has rendered its content (not the loading state). */
  const settled = async (page: Page) => {
    await page.locator('main h1').first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
  };

  it.each(['en', 'ar'])(
    'no public page scrolls sideways and the console stays clean (%s)',
    async (lang) => {
      const { context, page, console } = await phone();
      try {
        const wide = await wideOnes(page, publicPaths(lang), settled);
        expect(wide).toEqual({});
        if (lang === 'ar') expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
        // Nobody is signed in: the session read is not an error, and nothing else is either.
        expect(console).toEqual([]);
      } finally {
        await context.close();
      }
    },
    180_000,
  );

  it('a wide table scrolls in its own labelled box, reachable by keyboard', async () => {
    const { context, page } = await phone();
    try {
      // Eight countries: more columns than a phone shows.
      await page.goto(`${server.url}/en/compare/?areas=484,76,36,250,356,710,124,392`);
      await settled(page);
      const box = page.locator('.table-scroll:has(table.compare)');
      expect(await box.getAttribute('tabindex')).toBe('0');
      expect(await box.getAttribute('role')).toBe('region');
      expect((await box.getAttribute('aria-label'))?.length).toBeGreaterThan(0);
      expect(
        await box.evaluate((element) => [element.clientWidth <= 390, element.scrollWidth > element.clientWidth]),
      ).toEqual([true, true]);
      // The keyboard scrolls it: focused, the arrow key moves it sideways.
      await box.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => box.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it.each(['en', 'ar'])(
    'no workspace page scrolls sideways (%s)',
    async (lang) => {
      const { context, page } = await phone();
      try {
        const signIn = await page.request.post(`${server.url}/api/v1/session`, {
          data: { email: 'demo-administrator@demo.migov.invalid', password },
        });
        expect(signIn.status()).toBe(200);
        const assessments = (await (await page.request.get(`${server.url}/api/v1/assessments`)).json()) as {
          items: { id: string }[];
        };
        assessment = assessments.items[0]!.id;
        const paths = [
          `/${lang}/workspace/`,
          `/${lang}/workspace/assessment/${assessment}/`,
          `/${lang}/workspace/review/${assessment}/`,
          `/${lang}/workspace/admin/`,
          `/${lang}/workspace/mgi/`,
          `/${lang}/workspace/briefs/`,
        ];
        const wide = await wideOnes(page, paths, settled);
        expect(wide).toEqual({});
        // The questionnaire has no official Arabic text: the form says it is shown in English, not silently.
        await page.goto(`${server.url}/${lang}/workspace/assessment/${assessment}/`);
        await settled(page);
        expect(await page.getByTestId('untranslated').count()).toBe(lang === 'ar' ? 1 : 0);
      } finally {
        await context.close();
      }
    },
    180_000,
  );
});
