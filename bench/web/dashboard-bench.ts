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

/** What a page load took, on the page's clock (ms since navigation). */
export interface PageTimes {
  /** The first frame in which the map (every country) and the regional chart are in the page. */
  drawn: number;
  /** The end of the load event (the page's scripts, styles and preloads all loaded). */
  loaded: number;
}

/**
 * Open a page and time it: when the map and the regional chart are first there to be seen (checked at
 * every frame from the moment the navigation commits, so the same for a page drawn by scripts or
 * arriving drawn), and when its load event ended.
 */
export async function pageTimes(page: Page, url: string): Promise<PageTimes> {
  await page.goto(url, { waitUntil: 'commit' });
  // A function, not text: the app's Content-Security-Policy forbids evaluating strings in the page. This file is type-checked for Node, without the DOM library.
  const drawn = await page.waitForFunction(
    () => {
      const { document, performance } = globalThis as unknown as {
        document: { querySelectorAll(selector: string): { length: number }; querySelector(selector: string): unknown };
        performance: { now(): number };
      };
      return document.querySelectorAll('a.map-country').length >= 170 &&
        document.querySelector('svg.bar-chart') !== null
        ? performance.now()
        : false;
    },
    undefined,
    { polling: 'raf' },
  );
  await page.waitForLoadState('load');
  return {
    drawn: (await drawn.jsonValue()) as number,
    loaded: await page.evaluate<number>("performance.getEntriesByType('navigation')[0].loadEventEnd"),
  };
}

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
