/**
 * The eight SDG regions, composed of M49 regions as the UN Statistics Division defines them for
 * the SDG Global Database ("Regional groupings used in the SDG report and database",
 * unstats.un.org/sdgs/indicators/regional-groups), as summarised in
 * shared/reference/sdg-10-7-2.md. 202, 419 and 53 are also nodes of the M49 tree; a test checks
 * that their tree membership equals this composition.
 */

export interface SdgRegionDefinition {
  code: string;
  name: string;
  components: readonly string[];
}

export const SDG_REGIONS = [
  { code: '202', name: 'Sub-Saharan Africa', components: ['14', '17', '18', '11'] },
  { code: '747', name: 'Northern Africa and Western Asia', components: ['15', '145'] },
  { code: '62', name: 'Central and Southern Asia', components: ['143', '34'] },
  { code: '753', name: 'Eastern and South-Eastern Asia', components: ['30', '35'] },
  { code: '419', name: 'Latin America and the Caribbean', components: ['29', '13', '5'] },
  { code: '543', name: 'Oceania (exc. Australia and New Zealand)', components: ['54', '57', '61'] },
  { code: '53', name: 'Australia and New Zealand', components: ['53'] },
  { code: '513', name: 'Europe and Northern America', components: ['150', '21'] },
] as const satisfies readonly SdgRegionDefinition[];

export const SDG_REGION_SOURCE =
  'UN Statistics Division, SDG regional groupings (unstats.un.org/sdgs/indicators/regional-groups); names as in the UN SDG Global Database';
