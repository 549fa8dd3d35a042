/**
 * The indicators as data: each is a ratio of weighted totals over the canonical view's columns
 * (numerator ⊆ denominator), or a parity index of one such ratio between two migratory statuses.
 */

/** An age band: `code` in SDMX style (Y15T24, Y_GE65). */
export interface AgeGroup {
  code: string;
  min: number;
  /** Inclusive; undefined for an open band. */
  max?: number;
}

/** A rate: weighted count meeting `numerator` among those meeting `denominator` (SQL over the canonical view). */
export interface RatioIndicator {
  kind: 'ratio';
  id: string;
  sdg: string;
  /** SDG Global Database series code, or a local `MIGOV_` code. */
  series: string;
  title: string;
  /** Published unit: PT (percent, estimates ×100) or IX (an index). */
  unit: 'PT' | 'IX';
  denominator: string;
  /** Evaluated only on denominator rows. */
  numerator: string;
  ageGroups: readonly AgeGroup[];
}

/** The ratio of a rate in the migrant group to the rate in the non-migrant group (a 4.5.1-style parity index). */
interface ParityIndicator {
  kind: 'parity';
  id: string;
  sdg: string;
  series: string;
  title: string;
  unit: 'IX';
  base: RatioIndicator;
}

/** Any indicator migov tabulates. */
export type Indicator = RatioIndicator | ParityIndicator;

const attendanceRate: RatioIndicator = {
  kind: 'ratio',
  id: 'attendance-rate',
  sdg: '4.5.1',
  series: 'MIGOV_ATTEND_RATE',
  title: 'School attendance rate, ages 6-17',
  unit: 'PT',
  denominator: 'age BETWEEN 6 AND 17',
  numerator: 'attending',
  ageGroups: [
    { code: 'Y6T11', min: 6, max: 11 },
    { code: 'Y12T14', min: 12, max: 14 },
    { code: 'Y15T17', min: 15, max: 17 },
  ],
};

/** The indicators migov tabulates from microdata, by id. */
export const INDICATORS = {
  neet: {
    kind: 'ratio',
    id: 'neet',
    sdg: '8.6.1',
    series: 'SL_TLF_NEET',
    title: 'Proportion of youth (aged 15-24 years) not in education, employment or training',
    unit: 'PT',
    denominator: 'age BETWEEN 15 AND 24',
    numerator: 'NOT employed AND NOT attending',
    ageGroups: [
      { code: 'Y15T19', min: 15, max: 19 },
      { code: 'Y20T24', min: 20, max: 24 },
    ],
  },
  'unemployment-rate': {
    kind: 'ratio',
    id: 'unemployment-rate',
    sdg: '8.5.2',
    series: 'SL_TLF_UEM',
    title: 'Unemployment rate (unemployed as a share of the labour force aged 15+)',
    unit: 'PT',
    denominator: 'age >= 15 AND (employed OR unemployed)',
    numerator: 'unemployed',
    ageGroups: [
      { code: 'Y15T24', min: 15, max: 24 },
      { code: 'Y25T54', min: 25, max: 54 },
      { code: 'Y55T64', min: 55, max: 64 },
      { code: 'Y_GE65', min: 65 },
    ],
  },
  'attendance-rate': attendanceRate,
  'attendance-parity': {
    kind: 'parity',
    id: 'attendance-parity',
    sdg: '4.5.1',
    series: 'MIGOV_ATTEND_MPI',
    title: 'Migratory-status parity index of the school attendance rate, ages 6-17 (migrant / non-migrant)',
    unit: 'IX',
    base: attendanceRate,
  },
} as const satisfies Record<string, Indicator>;

/** Ids of {@link INDICATORS}. */
export type IndicatorId = keyof typeof INDICATORS;

/**
 * The SDG indicator codes users think in, mapped to the indicator migov computes for them: 4.5.1 is a
 * family of parity indices, so `4.5.1` means the migratory-status parity of attendance.
 */
export const SDG_INDICATOR_CODES: Readonly<Record<string, IndicatorId>> = {
  '8.6.1': 'neet',
  '8.5.2': 'unemployment-rate',
  '4.5.1': 'attendance-parity',
};

/** Look up an indicator by id (`neet`), SDG code (`8.6.1`) or series code (`SL_TLF_NEET`); throws a RangeError naming what is known. */
export function getIndicator(id: string): Indicator {
  const all = INDICATORS as Record<string, Indicator>;
  const key = id.trim();
  const indicator =
    all[key] ??
    (SDG_INDICATOR_CODES[key] ? all[SDG_INDICATOR_CODES[key]] : undefined) ??
    Object.values(all).find((candidate) => candidate.series.toLowerCase() === key.toLowerCase());
  if (!indicator) {
    const codes = Object.entries(SDG_INDICATOR_CODES).map(([code, name]) => `${code} (${name})`);
    throw new RangeError(
      `invalid indicator: ${id} (known: ${Object.keys(INDICATORS).join(', ')}; SDG codes ${codes.join(', ')}; or a series code)`,
    );
  }
  return indicator;
}

/** The standard ways of identifying migrants (UN Recommendations on Statistics of International Migration, Rev. 1, 1998). */
export const MIGRATORY_STATUS_DEFINITIONS = {
  /** Country of birth: foreign-born vs native-born. */
  birth: { column: 'foreign_born', migrant: 'foreign-born', nonMigrant: 'native-born' },
  /** Citizenship: non-citizens vs citizens. */
  citizenship: { column: 'non_citizen', migrant: 'non-citizen', nonMigrant: 'citizen' },
  /** Previous residence: lived in another country five years before the census (recent international migrants). */
  recent: { column: 'recent_migrant', migrant: 'recent-migrant', nonMigrant: 'not-recent-migrant' },
} as const;

/** `birth`, `citizenship` or `recent`. */
export type MigratoryStatusDefinition = keyof typeof MIGRATORY_STATUS_DEFINITIONS;

/** Disaggregation dimensions. */
const DIMENSIONS = ['migratory-status', 'sex', 'age-group'] as const;
/** One disaggregation dimension. */
export type Dimension = (typeof DIMENSIONS)[number];

/** Parse `migratory-status,sex` into dimensions; throws on unknown or repeated names. */
export function parseDimensions(text: string): Dimension[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const seen = new Set<string>();
  for (const name of names) {
    if (!(DIMENSIONS as readonly string[]).includes(name))
      throw new RangeError(`invalid dimension: ${name} (known: ${DIMENSIONS.join(', ')})`);
    if (seen.has(name)) throw new RangeError(`invalid dimension: ${name} (given twice)`);
    seen.add(name);
  }
  return names as Dimension[];
}

/** SQL CASE mapping `age` to the indicator's age-group codes (or to their 1-based positions, for grouping). */
export function ageGroupSql(groups: readonly AgeGroup[], positions = false): string {
  const branches = groups.map((group, index) => {
    const value = positions ? String(index + 1) : `'${group.code}'`;
    return group.max === undefined
      ? `WHEN age >= ${group.min} THEN ${value}`
      : `WHEN age BETWEEN ${group.min} AND ${group.max} THEN ${value}`;
  });
  return `CASE ${branches.join(' ')} END`;
}
