/** What the web benchmarks share: 150 published countries (seeded answers) and the moment the dashboard is drawn. */
import { defaultGeography, SDG_10_7_2_V2019, seededRandom, type InstrumentVersion } from '@migov/core';
import { createAssessment, saveResponses, transitionAssessment, type MigovDatabase } from '@migov/db';
import type { Page } from 'playwright-core';
import { addRound, addUser } from '../../apps/web/test/browser-harness.ts';

export const COUNTRIES = 150;

/** Publish seeded answers for the first `count` countries in the 2023 round. */
export async function publishCountries(db: MigovDatabase, count = COUNTRIES): Promise<void> {
  const random = seededRandom(107_2);
  const instrument: InstrumentVersion = SDG_10_7_2_V2019;
  const admin = await addUser(db, 'bench-admin@example.org', 'Bench', [
    { role: 'administrator', scope: { kind: 'global' } },
  ]);
  const round = await addRound(db);
  const countries = defaultGeography.listAreas({ kind: 'country' }).slice(0, count);
  for (const country of countries) {
    let assessment = await createAssessment(db, { jurisdiction: country.code, roundId: round.id }, admin.id);
    const changes = instrument.domains.flatMap((domain) =>
      domain.items.map((item) => {
        const options = instrument.scales[item.scale]!;
        return { itemId: item.id, optionId: options[Math.floor(random() * options.length)]!.id };
      }),
    );
    assessment = await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes },
      admin.id,
    );
    for (const action of ['submit', 'validate', 'publish'] as const) {
      assessment = await transitionAssessment(
        db,
        { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, action, roles: ['administrator'] },
        admin.id,
      );
    }
  }
}

/** What a page load took, on the page's clock (ms since the navigation started). */
export interface PageTimes {
  /** The first frame in which the map (every country) and the regional chart are in the page: when it was made. */
  drawn: number;
  /** The first paint of any content (text, the SVG), when it was presented, as Chromium reports it. */
  firstContentfulPaint: number;
  /** The first byte of the page's HTML, and its last. */
  responseStart: number;
  responseEnd: number;
  /** The HTML parsed (its deferred scripts not yet run). */
  domInteractive: number;
  /** The end of the load event (the page's scripts, styles and preloads all loaded). */
  loaded: number;
}

/** The global the frame watcher writes the moment to. */
const DRAWN = '__migovBenchDrawn';

/**
 * Runs in the page before any of its own scripts (an init script, which the page's
 * Content-Security-Policy does not govern): at every frame from the first, until the map and the
 * regional chart are in the document, then notes the time. A frame's callbacks run just before it is
 * painted, and none runs while the stylesheet still blocks rendering, so this is the first frame that
 * shows them, found the same way whether the page arrives drawn or its scripts draw it. Written as text:
 * a function would be sent as the compiler emitted it, with helpers the page does not have.
 */
const WATCH_FOR_DRAWN = `(() => {
  const check = () => {
    if (document.querySelectorAll('a.map-country').length >= 170 && document.querySelector('svg.bar-chart') !== null)
      globalThis.${DRAWN} = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

/**
 * Open a page (a new one: the watcher is installed for its next navigation) and time it: when the map
 * and the regional chart are first there to be seen, its first contentful paint, and its navigation's
 * milestones up to the end of the load event.
 */
export async function pageTimes(page: Page, url: string): Promise<PageTimes> {
  await page.addInitScript(WATCH_FOR_DRAWN);
  await page.goto(url, { waitUntil: 'load' });
  // Until the watcher has seen the map and Chromium has reported the first contentful paint (which may
  // follow the load event, and the frame the map is drawn in).
  const drawn = await page.waitForFunction(
    (name) => {
      const scope = globalThis as unknown as Record<string, number> & {
        performance: { getEntriesByType(type: string): unknown[] };
      };
      return scope.performance.getEntriesByType('paint').length > 0 && scope[name];
    },
    DRAWN,
    { polling: 50, timeout: 30_000 },
  );
  const times = await page.evaluate(() => {
    const { performance } = globalThis as unknown as {
      performance: { getEntriesByType(type: string): Record<string, number | string>[] };
    };
    const navigation = performance.getEntriesByType('navigation')[0]!;
    const paint = performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint');
    return {
      firstContentfulPaint: Number(paint?.startTime ?? Number.NaN),
      responseStart: Number(navigation.responseStart),
      responseEnd: Number(navigation.responseEnd),
      domInteractive: Number(navigation.domInteractive),
      loaded: Number(navigation.loadEventEnd),
    };
  });
  return { drawn: (await drawn.jsonValue()) as number, ...times };
}

/** The median (of an odd count, the middle value; of an even count, the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** A quantile by linear interpolation between the sorted values (0.25 and 0.75: the quartiles). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  return sorted[below]! + (sorted[Math.min(below + 1, sorted.length - 1)]! - sorted[below]!) * (at - below);
}
