/**
 * A clearly labelled EXAMPLE of an MGI-style instrument: the six published MGI dimensions and their
 * published sub-areas, with one example question per sub-area. The official MGI question list is not
 * public; these texts are not IOM's and every item is marked `wording: 'example'`. An administrator
 * loads the real instrument as data (same model, `kind: 'profile'`).
 *
 * Answer levels ride on the existing option model: `score` 1 is "in place", 0 is "absent", anything
 * between is "partial", `notApplicable` is "not applicable". A profile instrument has no composite
 * score: the scores only name the level (see profileLevelOf).
 */
import type { InstrumentVersion, ResponseOption } from '../../instruments/model.ts';
import { MGI_SUB_AREAS } from '../reference/mgi.data.ts';
import { MIGOF_DOMAIN_MAPPING } from '../reference/migof-domains.data.ts';

/** The scale id every item of the example instruments uses. */
const MGI_STATUS_SCALE = 'mgi-status';

/** In place / partial / absent / not applicable. */
export const MGI_STATUS_OPTIONS: readonly ResponseOption[] = [
  { id: 'in-place', label: { en: 'In place', fr: 'En place', es: 'Existente' }, score: '1' },
  {
    id: 'partial',
    label: { en: 'Partially in place', fr: 'Partiellement en place', es: 'Parcialmente existente' },
    score: '0.5',
  },
  { id: 'absent', label: { en: 'Absent', fr: 'Absent', es: 'Inexistente' }, score: '0' },
  { id: 'not-applicable', label: { en: 'Not applicable', fr: 'Sans objet', es: 'No aplicable' }, notApplicable: true },
];

/** Stable ids of the six MGI dimensions, in MGI order. */
export const MGI_DIMENSION_IDS = [
  'migrants-rights',
  'whole-of-government',
  'partnerships',
  'well-being-of-migrants',
  'mobility-dimensions-of-crises',
  'safe-orderly-regular-migration',
] as const;

const EXAMPLE_NOTE = {
  en: 'Example question written by migov on a published MGI sub-area; not the official MGI wording.',
};

function buildExample(options: { instrument: string; title: string; scope: string }): InstrumentVersion {
  return {
    instrument: options.instrument,
    version: 'example-1',
    kind: 'profile',
    title: { en: options.title },
    description: {
      en: `EXAMPLE instrument, not the official MGI question list (which is not public). One example question per published MGI sub-area of the six dimensions, asked of ${options.scope}. Answers are in place, partial, absent or not applicable, each with narrative evidence; there is no composite score or ranking. Load the official instrument as data to replace it.`,
    },
    source:
      'Dimensions and sub-areas: migrationdataportal.org/snapshots/mgi, gmdac.iom.int/migration-governance-indicators (sub-areas marked unverified there are recalled). Questions: migov examples.',
    languages: ['en'],
    scales: { [MGI_STATUS_SCALE]: [...MGI_STATUS_OPTIONS] },
    domains: MIGOF_DOMAIN_MAPPING.map((row) => ({
      id: MGI_DIMENSION_IDS[row.mgiDimension - 1] ?? `dimension-${row.mgiDimension}`,
      code: `MGI${row.mgiDimension}`,
      label: { en: row.mgiDimensionName },
      migof: row.migof,
      items: MGI_SUB_AREAS.filter((subArea) => subArea.dimension === row.mgiDimension).map((subArea, index) => ({
        id: `${row.mgiDimension}.${index + 1}`,
        text: {
          en: `Example: does ${options.scope === 'the city or local authority' ? 'the local authority' : 'the government'} have a policy, law or practice on ${subArea.subArea.charAt(0).toLowerCase()}${subArea.subArea.slice(1)}?`,
        },
        wording: 'example' as const,
        note: subArea.unverified
          ? { en: `${EXAMPLE_NOTE.en} The sub-area itself is not confirmed by a public source.` }
          : EXAMPLE_NOTE,
        scale: MGI_STATUS_SCALE,
        subArea: subArea.subArea,
      })),
    })),
  };
}

/** Example national MGI-style instrument (`mgi-example@example-1`). */
export const MGI_NATIONAL_EXAMPLE: InstrumentVersion = buildExample({
  instrument: 'mgi-example',
  title: 'MGI-style profile assessment (EXAMPLE instrument, national)',
  scope: 'the national government',
});

/** Example local (city) MGI-style instrument (`mgi-local-example@example-1`). */
export const MGI_LOCAL_EXAMPLE: InstrumentVersion = buildExample({
  instrument: 'mgi-local-example',
  title: 'Local MGI-style profile assessment (EXAMPLE instrument, cities and local authorities)',
  scope: 'the city or local authority',
});

/** The governance instruments migov ships, for createInstrumentRegistry(extra). */
export const GOVERNANCE_INSTRUMENTS: readonly InstrumentVersion[] = [MGI_NATIONAL_EXAMPLE, MGI_LOCAL_EXAMPLE];
