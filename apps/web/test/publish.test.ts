/** `migov publish`: a static page for every country in every language, from the published data, readable without JavaScript. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDG_10_7_2_V2019, defaultGeography, type InstrumentVersion } from '@migov/core';
import {
  addEvidence,
  createAssessment,
  createDatabase,
  saveResponses,
  transitionAssessment,
  type Evidence,
} from '@migov/db';
import { runPublish } from '../../../packages/cli/src/commands/publish.test-helper.ts';
import { UI_LANGUAGES } from '../src/i18n/languages.ts';
import { addRound, addUser } from './browser-harness.ts';

describe('migov publish', () => {
  const folder = mkdtempSync(join(tmpdir(), 'migov-publish-'));
  const database = `sqlite:${join(folder, 'migov.sqlite')}`;
  const out = join(folder, 'site');
  let output = '';
  const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
  let file: Evidence;
  let draftFile: Evidence;

  // Six languages of every country with the official snapshot shipped with migov (indicator panels on every profile): minutes on a loaded machine.
  beforeAll(async () => {
    const db = await createDatabase({ url: database });
    await db.migrate();
    const admin = await addUser(db, 'admin@example.org', 'Admin', [
      { role: 'administrator', scope: { kind: 'global' } },
    ]);
    const round = await addRound(db);
    let assessment = await createAssessment(db, { jurisdiction: '484', roundId: round.id }, admin.id);
    const instrument: InstrumentVersion = SDG_10_7_2_V2019;
    const items = instrument.domains.flatMap((domain) => domain.items);
    // Every item at its best option, except the first domain's first item at "No": domain 1 is category 3 (80).
    const changes = items.map((item, index) => ({
      itemId: item.id,
      optionId: index === 0 ? 'no' : instrument.scales[item.scale]![0]!.id,
    }));
    assessment = await saveResponses(
      db,
      { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, changes },
      admin.id,
    );
    file = await addEvidence(
      db,
      {
        assessmentId: assessment.id,
        itemId: items[0]!.id,
        kind: 'file',
        title: 'Migration Law 2011',
        file: { filename: 'ley-de-migracion.pdf', mediaType: 'application/pdf', bytes: PDF },
      },
      admin.id,
    );
    await addEvidence(
      db,
      {
        assessmentId: assessment.id,
        itemId: items[0]!.id,
        kind: 'link',
        title: 'Official Gazette',
        url: 'https://example.org/dof/2011',
      },
      admin.id,
    );
    for (const action of ['submit', 'validate', 'publish'] as const) {
      assessment = await transitionAssessment(
        db,
        { assessmentId: assessment.id, expectedLockVersion: assessment.lockVersion, action, roles: ['administrator'] },
        admin.id,
      );
    }
    // A draft of another country with evidence: nothing of it may reach the site.
    const draft = await createAssessment(db, { jurisdiction: '76', roundId: round.id }, admin.id);
    draftFile = await addEvidence(
      db,
      {
        assessmentId: draft.id,
        itemId: items[0]!.id,
        kind: 'file',
        title: 'Unpublished draft',
        file: { filename: 'draft.pdf', mediaType: 'application/pdf', bytes: PDF },
      },
      admin.id,
    );
    await db.close();
    output = await runPublish(['--out', out, '--database', database]);
  }, 480_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const countries = defaultGeography.listAreas({ kind: 'country' }).map((area) => area.code);

  it('writes a page for every country in every language', () => {
    const missing = UI_LANGUAGES.flatMap((lang) =>
      countries
        .filter((code) => !existsSync(join(out, lang, 'country', code, 'index.html')))
        .map((code) => `${lang}/${code}`),
    );
    expect(missing).toEqual([]);
    expect(countries.length).toBeGreaterThan(190);
    expect(output).toMatch(new RegExp(`published \\d+ pages \\(${countries.length} countries x 6 languages\\)`));
  });

  it('writes the dashboard, data, methodology and compare pages in every language, and a root that points to English', () => {
    for (const lang of UI_LANGUAGES)
      for (const page of ['', 'data/', 'methodology/', 'compare/'])
        expect(existsSync(join(out, lang, page, 'index.html')), `${lang}/${page}`).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('url=/en/');
    expect(readFileSync(join(out, 'en', 'compare', 'index.html'), 'utf8')).toContain('Latin America and the Caribbean');
  });

  it('shows the published category in the content itself, without JavaScript', () => {
    const profile = readFileSync(join(out, 'en', 'country', '484', 'index.html'), 'utf8');
    expect(profile).not.toContain('<script');
    expect(profile).toContain('Mexico: migration governance profile');
    expect(profile).toMatch(/data-testid="overall-category">Overall: <span[^>]*>Meets<\/span>/);
    const dashboard = readFileSync(join(out, 'en', 'index.html'), 'utf8');
    expect(dashboard).toContain('aria-label="Mexico: Meets"');
    expect(dashboard).toContain('href="/en/country/484/"');
    const svgLink = /<a href="(\/charts\/en\/migov-map-[^"]+\.svg)" download="">Download SVG<\/a>/.exec(dashboard);
    expect(svgLink).not.toBeNull();
    const svg = readFileSync(join(out, svgLink![1]!), 'utf8');
    expect(svg).toMatch(/^<\?xml[^\n]*\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('aria-label="Mexico: Meets"');
    expect(profile).toContain('<td>No</td>');
    expect(profile).toContain('Areas for further development');
  });

  it('renders Arabic right-to-left and localizes the interface and categories', () => {
    const profile = readFileSync(join(out, 'ar', 'country', '484', 'index.html'), 'utf8');
    expect(profile).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(profile).toContain('يستوفي');
    expect(profile).toContain('المكسيك');
    expect(readFileSync(join(out, 'fr', 'country', '484', 'index.html'), 'utf8')).toContain('Satisfait');
  });

  it('copies the bulk downloads next to the pages and links to them', () => {
    // Every round with values: the official 2019 and 2021 of the snapshot shipped with migov, and the national 2023.
    const formats = ['csv', 'json', 'sdmx.csv', 'xlsx', 'xml'];
    expect(readdirSync(join(out, 'downloads')).sort()).toEqual(
      [2019, 2021, 2023].flatMap((year) => formats.map((format) => `sdg-10-7-2-${year}.${format}`)),
    );
    expect(readFileSync(join(out, 'downloads', 'sdg-10-7-2-2023.csv'), 'utf8')).toContain('484');
    expect(readFileSync(join(out, 'en', 'data', 'index.html'), 'utf8')).toContain(
      'href="/downloads/sdg-10-7-2-2023.xlsx"',
    );
    expect(readFileSync(join(out, 'en', 'data', 'index.html'), 'utf8')).toContain(
      'href="/downloads/sdg-10-7-2-2019.csv"',
    );
  });

  it('shows the evidence published with each answer and copies the published files beside the pages', () => {
    const profile = readFileSync(join(out, 'en', 'country', '484', 'index.html'), 'utf8');
    const href = `/evidence/${file.id}/ley-de-migracion.pdf`;
    expect(profile).toContain(
      `<a href="${href}" download="ley-de-migracion.pdf" type="application/pdf">Migration Law 2011</a>`,
    );
    expect(profile).toContain(`(ley-de-migracion.pdf; PDF, ${PDF.byteLength} byte)`);
    expect(profile).toContain(
      '<a href="https://example.org/dof/2011" rel="noopener noreferrer external">Official Gazette</a>',
    );
    expect(readFileSync(join(out, href)).equals(PDF)).toBe(true);
    expect(readdirSync(join(out, 'evidence'))).toEqual([file.id]);
    expect(readFileSync(join(out, 'ar', 'country', '484', 'index.html'), 'utf8')).toContain(`href="${href}"`);
    expect(readFileSync(join(out, 'en', 'country', '76', 'index.html'), 'utf8')).not.toContain(draftFile.id);
  });

  it('refuses an unknown language with a usage error', async () => {
    await expect(runPublish(['--out', out, '--database', database, '--languages', 'en,xx'])).rejects.toThrow(
      'invalid --languages: en,xx',
    );
  });
});
