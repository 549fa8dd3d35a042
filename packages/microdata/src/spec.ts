/**
 * The column mapping: how a national statistical office's microdata file names its columns and
 * codes, mapped onto the variables the indicators need. {@link DEFAULT_SPEC} describes the layout
 * the synthetic generator writes.
 */

/** The variables migov reads from a microdata file. */
const VARIABLES = [
  'stratum',
  'psu',
  'weight',
  'sex',
  'age',
  'birthCountry',
  'citizenship',
  'residence5yAgo',
  'attendingEducation',
  'labourStatus',
] as const;
/** One of {@link VARIABLES}. */
export type Variable = (typeof VARIABLES)[number];

/** Replicate-weight variance methods; the scale factors are in estimate.ts. */
const REPLICATE_METHODS = ['jk1', 'bootstrap', 'brr', 'fay'] as const;
/** One of {@link REPLICATE_METHODS}. */
export type ReplicateMethod = (typeof REPLICATE_METHODS)[number];

/** Replicate weights supplied with the file. */
interface ReplicateWeightsSpec {
  columns: string[];
  method: ReplicateMethod;
  /** Fay's coefficient ρ (method `fay` only), 0 < ρ < 1. */
  fayRho?: number;
}

/** How a file's columns and codes map onto migov's variables. */
export interface MicrodataSpec {
  /** The country of enumeration as the birth-country, citizenship and residence columns code it. */
  countryOfEnumeration: string;
  columns: Record<Variable, string>;
  codes: {
    sex: { male: string[]; female: string[] };
    attendingEducation: { yes: string[]; no: string[] };
    labourStatus: { employed: string[]; unemployed: string[]; inactive: string[]; notApplicable: string[] };
    /** Residence-5-years-ago codes that mean "not in universe" (persons under 5). */
    residenceNotInUniverse: string[];
  };
  /** Valid ages, inclusive. */
  ageRange: [number, number];
  replicateWeights?: ReplicateWeightsSpec;
}

/** The layout and codes the synthetic census writes (and a template for national files). */
export const DEFAULT_SPEC: MicrodataSpec = {
  countryOfEnumeration: 'XSY',
  columns: {
    stratum: 'stratum',
    psu: 'psu',
    weight: 'weight',
    sex: 'sex',
    age: 'age',
    birthCountry: 'birth_country',
    citizenship: 'citizenship',
    residence5yAgo: 'residence_5y_ago',
    attendingEducation: 'attending_education',
    labourStatus: 'labour_status',
  },
  codes: {
    sex: { male: ['1'], female: ['2'] },
    attendingEducation: { yes: ['1'], no: ['2'] },
    labourStatus: { employed: ['1'], unemployed: ['2'], inactive: ['3'], notApplicable: ['9'] },
    residenceNotInUniverse: ['NIU'],
  },
  ageRange: [0, 120],
};

/** The default spec with delete-a-group jackknife weights `repw_1..repw_G` as the generator writes them. */
export function defaultSpecWithReplicates(groups: number): MicrodataSpec {
  return {
    ...DEFAULT_SPEC,
    replicateWeights: { columns: Array.from({ length: groups }, (_, g) => `repw_${g + 1}`), method: 'jk1' },
  };
}

function fail(where: string, why: string): never {
  throw new Error(`invalid microdata spec: ${where}: ${why}`);
}

function stringList(value: unknown, where: string): string[] {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((item) => typeof item === 'string' || typeof item === 'number')
  ) {
    fail(where, 'a non-empty list of codes is required');
  }
  return value.map(String);
}

/**
 * Parse a spec from JSON (e.g. a national office's mapping file); missing parts fall back to
 * {@link DEFAULT_SPEC}, unknown keys and malformed values are errors naming the key.
 */
export function parseSpec(json: unknown): MicrodataSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('(root)', 'an object is required');
  const input = json as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!['countryOfEnumeration', 'columns', 'codes', 'ageRange', 'replicateWeights'].includes(key))
      fail(key, 'unknown key');
  }
  const spec: MicrodataSpec = structuredClone(DEFAULT_SPEC);
  if (input['countryOfEnumeration'] !== undefined) {
    if (typeof input['countryOfEnumeration'] !== 'string' || input['countryOfEnumeration'] === '')
      fail('countryOfEnumeration', 'a code is required');
    spec.countryOfEnumeration = input['countryOfEnumeration'];
  }
  if (input['columns'] !== undefined) {
    const columns = input['columns'] as Record<string, unknown>;
    for (const [key, value] of Object.entries(columns)) {
      if (!(VARIABLES as readonly string[]).includes(key))
        fail(`columns.${key}`, `unknown variable (known: ${VARIABLES.join(', ')})`);
      if (typeof value !== 'string' || value === '') fail(`columns.${key}`, 'a column name is required');
      spec.columns[key as Variable] = value;
    }
  }
  if (input['codes'] !== undefined) {
    const codes = input['codes'] as Record<string, Record<string, unknown>>;
    for (const [variable, mapping] of Object.entries(codes)) {
      if (variable === 'residenceNotInUniverse') {
        spec.codes.residenceNotInUniverse = stringList(mapping, 'codes.residenceNotInUniverse');
        continue;
      }
      const target = (spec.codes as unknown as Record<string, Record<string, string[]>>)[variable];
      if (!target)
        fail(
          `codes.${variable}`,
          'unknown coded variable (sex, attendingEducation, labourStatus, residenceNotInUniverse)',
        );
      for (const [category, list] of Object.entries(mapping)) {
        if (!(category in target))
          fail(`codes.${variable}.${category}`, `unknown category (known: ${Object.keys(target).join(', ')})`);
        target[category] = stringList(list, `codes.${variable}.${category}`);
      }
    }
  }
  if (input['ageRange'] !== undefined) {
    const range = input['ageRange'];
    if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isInteger) || range[0] > range[1])
      fail('ageRange', 'two integers [min, max] are required');
    spec.ageRange = [range[0], range[1]];
  }
  if (input['replicateWeights'] !== undefined) {
    const replicate = input['replicateWeights'] as Record<string, unknown>;
    const method = replicate['method'];
    if (!(REPLICATE_METHODS as readonly unknown[]).includes(method))
      fail('replicateWeights.method', `one of ${REPLICATE_METHODS.join(', ')} is required`);
    const columns = stringList(replicate['columns'], 'replicateWeights.columns');
    if (columns.length < 2) fail('replicateWeights.columns', 'at least two replicate weights are required');
    const rho = replicate['fayRho'];
    if (method === 'fay' && (typeof rho !== 'number' || !(rho > 0 && rho < 1)))
      fail('replicateWeights.fayRho', 'a number strictly between 0 and 1 is required for method fay');
    spec.replicateWeights = {
      columns,
      method: method as ReplicateMethod,
      ...(typeof rho === 'number' ? { fayRho: rho } : {}),
    };
  }
  return spec;
}
