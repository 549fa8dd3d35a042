/**
 * Design-based estimation of ratio indicators and parity indices by migratory status × sex × age
 * group, entirely in DuckDB SQL: the JavaScript side only assembles SQL and reads one row per cell.
 *
 * Taylor linearization (with-replacement approximation of the first stage, no finite population
 * correction): for R̂ = Ŷ/X̂ in a domain d, each person k gets z_k = w_k (y_k − R̂ x_k) / X̂ (zero outside
 * the domain), z_hi is the total of z over PSU i of stratum h, and
 *   v(R̂) = Σ_h n_h/(n_h − 1) Σ_i (z_hi − z̄_h)²,
 * where n_h counts every PSU of stratum h in the design, including PSUs with no member of the domain
 * (Wolter 2007, Introduction to Variance Estimation, §6.11; Lohr 2022, Sampling: Design and Analysis,
 * §9.1 and §14.2; Heeringa, West & Berglund 2017, Applied Survey Data Analysis, §3.6).
 * A parity index P = R_a / R_b is linearized as z = (z_a − P z_b) / R_b with both z computed on the
 * same PSUs, so the covariance of the two rates is kept.
 *
 * Replicate weights: θ_r is the estimate with replicate weight r, and v = c Σ_r (θ_r − θ̂)² with
 * c = (R−1)/R (JK1), 1/R (bootstrap, mean-squared-error form; BRR), 1/(R(1−ρ)²) (Fay's BRR).
 *
 * Confidence intervals are normal (Wald): estimate ± z_{1−α/2} SE, not truncated to [0, 100].
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Problem } from '@migov/core';
import type { LoadedMicrodata } from './load-microdata.ts';
import { MicrodataError } from './load-microdata.ts';
import type { Dimension, Indicator, MigratoryStatusDefinition, RatioIndicator } from './indicators.ts';
import { MIGRATORY_STATUS_DEFINITIONS, ageGroupSql, getIndicator } from './indicators.ts';
import { criticalValue } from './normal-quantile.ts';
import { queryRows } from './session.ts';
import type { ReplicateMethod } from './spec.ts';
import { quoteIdent } from './sql.ts';

/** A canonical relation to estimate from, with its replicate weights if any. */
export interface EstimationSource {
  view: string;
  replicate?: { columns: string[]; method: ReplicateMethod; fayRho?: number };
  /** Name used in error messages. */
  file?: string;
}

/** The estimation source of a loaded file. */
export function sourceOf(loaded: LoadedMicrodata): EstimationSource {
  const replicate = loaded.spec.replicateWeights;
  return {
    view: loaded.view,
    file: loaded.file,
    ...(replicate
      ? {
          replicate: {
            columns: loaded.replicateColumns,
            method: replicate.method,
            ...(replicate.fayRho !== undefined ? { fayRho: replicate.fayRho } : {}),
          },
        }
      : {}),
  };
}

/** Options for {@link tabulate}. */
export interface TabulateOptions {
  indicator: string;
  by: readonly Dimension[];
  /** How migrants are identified (default `birth`). */
  status?: MigratoryStatusDefinition;
  /** Cells with fewer unweighted observations are flagged `suppressed` (default 30). */
  minN?: number;
  /** Default 0.95. */
  confidenceLevel?: number;
  /** `taylor`, or `replicate` to use the source's replicate weights (default: replicate when there are replicate weights). */
  variance?: 'taylor' | 'replicate';
  /** Strata with a single PSU: an error (default), or treated as certainty units contributing no variance. */
  singlePsu?: 'error' | 'certainty';
  /** Columns of the source that separate independent designs (e.g. `sample_id`, a country or a round): cells and strata are nested in them. */
  separateBy?: readonly string[];
}

/** One cell of a tabulation. Estimates are in the indicator's unit (percent for PT). */
export interface CellEstimate {
  indicator: string;
  series: string;
  unit: 'PT' | 'IX';
  /** Values of the `separateBy` columns. */
  separate: Record<string, string>;
  migratoryStatus: string;
  sex: string;
  ageGroup: string;
  estimate: number | null;
  standardError: number | null;
  lower: number | null;
  upper: number | null;
  /** Unweighted observations in the denominator (for a parity index, the smaller of the two groups). */
  n: number;
  /** Weighted denominator (estimated population of the cell); null for a parity index. */
  weightedDenominator: number | null;
  status: 'estimated' | 'suppressed' | 'undefined';
  note?: string;
}

/** The result of {@link tabulate}. */
export interface Tabulation {
  indicator: Indicator;
  by: Dimension[];
  status: MigratoryStatusDefinition;
  variance: 'taylor' | ReplicateMethod;
  confidenceLevel: number;
  minN: number;
  cells: CellEstimate[];
}

const TOTAL = '_T';
type CellKey = 'g_status' | 'g_sex' | 'g_age';

/** Scale factor c of the replicate variance c Σ (θ_r − θ̂)². */
export function replicateScale(method: ReplicateMethod, replicates: number, fayRho?: number): number {
  switch (method) {
    case 'jk1':
      return (replicates - 1) / replicates;
    case 'bootstrap':
    case 'brr':
      return 1 / replicates;
    case 'fay': {
      if (fayRho === undefined || !(fayRho > 0 && fayRho < 1))
        throw new RangeError(`invalid fayRho: ${fayRho} (strictly between 0 and 1)`);
      return 1 / (replicates * (1 - fayRho) ** 2);
    }
  }
}

interface Plan {
  indicator: Indicator;
  base: RatioIndicator;
  statusColumn: string;
  migrant: string;
  nonMigrant: string;
  separate: string[];
  /** Cell keys as small integers (0 = total): cheap to group 10⁷ rows by; decoded to labels in {@link decodeKeys}. */
  keyExprs: Record<CellKey, string>;
  split: Record<CellKey, boolean>;
}

function makePlan(options: TabulateOptions): Plan {
  const indicator = getIndicator(options.indicator);
  const base = indicator.kind === 'parity' ? indicator.base : indicator;
  const definition = MIGRATORY_STATUS_DEFINITIONS[options.status ?? 'birth'];
  if (!definition)
    throw new RangeError(
      `invalid migratory status definition: ${options.status} (known: ${Object.keys(MIGRATORY_STATUS_DEFINITIONS).join(', ')})`,
    );
  const by = new Set(options.by);
  const splitStatus = by.has('migratory-status') || indicator.kind === 'parity';
  return {
    indicator,
    base,
    statusColumn: definition.column,
    migrant: definition.migrant,
    nonMigrant: definition.nonMigrant,
    separate: [...(options.separateBy ?? [])],
    keyExprs: {
      g_status: splitStatus
        ? `CAST(CASE WHEN ${definition.column} THEN 1 ELSE 2 END AS SMALLINT)`
        : 'CAST(0 AS SMALLINT)',
      g_sex: by.has('sex') ? `CAST(CASE WHEN male THEN 1 ELSE 2 END AS SMALLINT)` : 'CAST(0 AS SMALLINT)',
      g_age: by.has('age-group') ? `CAST(${ageGroupSql(base.ageGroups, true)} AS SMALLINT)` : 'CAST(0 AS SMALLINT)',
    },
    split: { g_status: splitStatus, g_sex: by.has('sex'), g_age: by.has('age-group') },
  };
}

/** The denominator rows with their cell keys, weight and numerator indicator y. */
function domainSql(source: EstimationSource, plan: Plan, extra: string[] = []): string {
  const separate = plan.separate
    .map((column) => `CAST(${quoteIdent(column)} AS VARCHAR) AS ${quoteIdent(column)}, `)
    .join('');
  // one SMALLINT cell key g = status·100 + sex·10 + age group (0 = total): one hash key instead of three
  const keys = `CAST(${plan.keyExprs.g_status} * 100 + ${plan.keyExprs.g_sex} * 10 + ${plan.keyExprs.g_age} AS SMALLINT) AS g`;
  const more = extra.map((column) => `, ${quoteIdent(column)}`).join('');
  return `SELECT ${separate}stratum, psu, weight AS w, ${keys}, CAST((${plan.base.numerator}) AS DOUBLE) AS y${more}
FROM ${quoteIdent(source.view)} WHERE ${plan.base.denominator}`;
}

/** Labels of a row's integer cell keys. */
function decodeKeys(plan: Plan, row: Record<string, unknown>): { status: string; sex: string; age: string } {
  const g = Number(row['g'] ?? row['o']);
  const status = Math.floor(g / 100);
  const sex = Math.floor(g / 10) % 10;
  const age = g % 10;
  return {
    status: status === 0 ? TOTAL : status === 1 ? plan.migrant : plan.nonMigrant,
    sex: sex === 0 ? TOTAL : sex === 1 ? 'M' : 'F',
    age: age === 0 ? TOTAL : (plan.base.ageGroups[age - 1]?.code ?? TOTAL),
  };
}

function list(columns: readonly string[]): string {
  return columns.map(quoteIdent).join(', ');
}

/**
 * Taylor-linearized variance of every cell: `zRelation` has the cell keys, stratum, psu and z (PSU
 * totals of the linearized variable), `nh` the count of PSUs in each stratum of the whole design.
 */
function taylorVarianceSql(cellKeys: readonly string[], separate: readonly string[]): string {
  const keys = list(cellKeys);
  const strataKeys = list([...separate, 'stratum']);
  // Σ_i (z_hi − z̄_h)² over all n_h PSUs, of which m have members of the cell (the others have z = 0),
  // split into non-negative parts so nothing cancels: m·var_pop(z) + m(z̄_m − z̄_h)² + (n_h − m) z̄_h²,
  // with z̄_m the mean over the m PSUs and z̄_h = Σz / n_h. var_pop is DuckDB's stable (Welford) variance.
  return `
s AS (SELECT ${keys}, stratum, sum(z) AS sz, count(*) AS m, var_pop(z) AS vz FROM zz GROUP BY ${keys}, stratum),
v AS (
  SELECT ${keys},
    sum(CASE WHEN nh.n_h > 1 THEN nh.n_h / (nh.n_h - 1.0) * (
      s.m * coalesce(s.vz, 0) + s.m * (s.sz / s.m - s.sz / nh.n_h) ^ 2 + (nh.n_h - s.m) * (s.sz / nh.n_h) ^ 2
    ) ELSE 0 END) AS variance
  FROM s JOIN nh USING (${strataKeys})
  GROUP BY ${keys}
)`;
}

interface RawCell {
  separate: Record<string, string>;
  status: string;
  sex: string;
  age: string;
  estimate: number | null;
  variance: number | null;
  n: number;
  weightedDenominator: number | null;
  note?: string;
}

/** Name of the temporary table of PSU counts per stratum for a view (and separating columns). */
function psuCountsTable(view: string, separate: readonly string[] = []): string {
  return ['__migov_nh', view, ...separate].join('__');
}

/**
 * Counts PSUs per stratum of the whole design (every PSU, whether or not it has members of a cell)
 * into a temporary table, once per view: loadMicrodata drops it when it replaces the view.
 */
async function createPsuCounts(connection: DuckDBConnection, source: EstimationSource, plan: Plan): Promise<string> {
  const table = psuCountsTable(source.view, plan.separate);
  const separate = plan.separate.map((c) => `CAST(${quoteIdent(c)} AS VARCHAR) AS ${quoteIdent(c)}, `).join('');
  await connection.run(
    `CREATE TEMP TABLE IF NOT EXISTS ${quoteIdent(table)} AS
     SELECT ${separate}stratum, count(DISTINCT psu) AS n_h FROM ${quoteIdent(source.view)} GROUP BY ${list([...plan.separate, 'stratum'])}`,
  );
  return table;
}

async function checkSinglePsuStrata(
  connection: DuckDBConnection,
  source: EstimationSource,
  plan: Plan,
  psuCounts: string,
): Promise<void> {
  const keys = list([...plan.separate, 'stratum']);
  const rows = await queryRows(
    connection,
    `SELECT CAST(stratum AS VARCHAR) AS stratum FROM ${quoteIdent(psuCounts)} WHERE n_h < 2 ORDER BY ${keys} LIMIT 20`,
  );
  if (rows.length === 0) return;
  const problems: Problem[] = rows.map((row) => ({
    file: source.file ?? source.view,
    column: 'stratum',
    value: String(row['stratum']),
    message: `stratum has a single PSU: Taylor linearization needs at least two (collapse strata, or pass singlePsu: 'certainty')`,
  }));
  throw new MicrodataError(problems);
}

async function taylorCells(
  connection: DuckDBConnection,
  source: EstimationSource,
  plan: Plan,
  singlePsu: 'error' | 'certainty',
): Promise<RawCell[]> {
  const psuCounts = await createPsuCounts(connection, source, plan);
  if (singlePsu === 'error') await checkSinglePsuStrata(connection, source, plan, psuCounts);
  const sep = plan.separate;
  const cellKeys = [...sep, 'g'];
  const keys = list(cellKeys);
  const nh = `nh AS (SELECT * FROM ${quoteIdent(psuCounts)})`;
  if (plan.indicator.kind === 'ratio') {
    // the only pass over the microdata: PSU totals per cell; cell totals are sums of PSU totals
    const common = `
psus AS MATERIALIZED (
  SELECT ${keys}, stratum, psu, sum(w * y) AS py, sum(w) AS px, count(*) AS pn FROM (${domainSql(source, plan)}) GROUP BY ${keys}, stratum, psu
),
cells AS (SELECT ${keys}, sum(py) AS ty, sum(px) AS tx, sum(pn) AS n FROM psus GROUP BY ${keys}),
z AS (SELECT ${keys}, stratum, psu, (py - ty / tx * px) / tx AS z FROM psus JOIN cells USING (${keys}))`;
    const sql = `WITH ${nh}, ${common},
zz AS (SELECT * FROM z), ${taylorVarianceSql(cellKeys, sep)}
SELECT ${keys}, ty / tx AS estimate, v.variance, n::BIGINT AS n, tx FROM cells LEFT JOIN v USING (${keys}) ORDER BY ${keys}`;
    const rows = await queryRows(connection, sql);
    return rows.map((row) => ({
      separate: Object.fromEntries(sep.map((c) => [c, String(row[c])])),
      ...decodeKeys(plan, row),
      estimate: row['estimate'] as number,
      variance: (row['variance'] as number | null) ?? 0,
      n: Number(row['n']),
      weightedDenominator: row['tx'] as number,
    }));
  }
  // Parity index: the status key is consumed, cells are the other keys (o). One grouped pass pairs
  // the two statuses' sums in the same row per PSU, so the linearized z of a PSU needs no second
  // grouping: z = (z_a − P z_b) / R_b with z_s = (py_s − R_s px_s) / tx_s (0 for a PSU without members of s).
  const otherKeys = [...sep, 'o'];
  const others = list(otherKeys);
  const a = 1;
  const b = 2;
  const pairs = `
psus AS MATERIALIZED (
  SELECT ${others}, stratum, psu,
    sum(w * y) FILTER (WHERE st = ${a}) AS pya, sum(w) FILTER (WHERE st = ${a}) AS pxa, count(*) FILTER (WHERE st = ${a}) AS pna,
    sum(w * y) FILTER (WHERE st = ${b}) AS pyb, sum(w) FILTER (WHERE st = ${b}) AS pxb, count(*) FILTER (WHERE st = ${b}) AS pnb
  FROM (SELECT *, g % 100 AS o, g // 100 AS st FROM (${domainSql(source, plan)}))
  GROUP BY ${others}, stratum, psu
),
pc AS (
  SELECT ${others}, sum(pya) / sum(pxa) AS ra, sum(pyb) / sum(pxb) AS rb, sum(pxa) AS txa, sum(pxb) AS txb,
    coalesce(sum(pna), 0) AS na, coalesce(sum(pnb), 0) AS nb
  FROM psus GROUP BY ${others}
),
zz AS (
  SELECT ${others}, stratum, psu,
    (coalesce((pya - ra * pxa) / txa, 0) - ra / rb * coalesce((pyb - rb * pxb) / txb, 0)) / rb AS z
  FROM psus JOIN pc USING (${others})
  WHERE pc.rb > 0 AND pc.ra IS NOT NULL
)`;
  const sql = `WITH ${nh}, ${pairs}, ${taylorVarianceSql(otherKeys, sep)}
SELECT ${others}, CASE WHEN rb > 0 THEN ra / rb END AS estimate, v.variance, least(na, nb)::BIGINT AS n, na::BIGINT AS na, nb::BIGINT AS nb, ra, rb
FROM pc LEFT JOIN v USING (${others}) ORDER BY ${others}`;
  const rows = await queryRows(connection, sql);
  return rows.map((row) =>
    parityCell(plan, row, row['estimate'] as number | null, (row['variance'] as number | null) ?? 0),
  );
}

function parityCell(
  plan: Plan,
  row: Record<string, unknown>,
  estimate: number | null,
  variance: number | null,
): RawCell {
  const na = Number(row['na']);
  const nb = Number(row['nb']);
  const rb = row['rb'] as number | null;
  const undefinedReason =
    na === 0 || nb === 0
      ? `no observations of ${na === 0 ? plan.migrant : plan.nonMigrant}`
      : rb === 0
        ? `the ${plan.nonMigrant} rate is zero`
        : undefined;
  return {
    separate: Object.fromEntries(plan.separate.map((c) => [c, String(row[c])])),
    status: `${plan.migrant}/${plan.nonMigrant}`,
    sex: decodeKeys(plan, row).sex,
    age: decodeKeys(plan, row).age,
    estimate: undefinedReason ? null : estimate,
    variance: undefinedReason ? null : variance,
    n: Math.min(na, nb),
    weightedDenominator: null,
    ...(undefinedReason ? { note: undefinedReason } : {}),
  };
}

async function replicateCells(connection: DuckDBConnection, source: EstimationSource, plan: Plan): Promise<RawCell[]> {
  const replicate = source.replicate;
  if (!replicate || replicate.columns.length < 2)
    throw new RangeError('replicate variance needs at least two replicate weights in the source');
  const sep = plan.separate;
  const cellKeys = [...sep, 'g'];
  const keys = list(cellKeys);
  const sums = replicate.columns
    .map((column, index) => `sum(${quoteIdent(column)} * y) AS ty_${index}, sum(${quoteIdent(column)}) AS tx_${index}`)
    .join(', ');
  const rows = await queryRows(
    connection,
    `WITH d AS (${domainSql(source, plan, replicate.columns)})
SELECT ${keys}, sum(w * y) AS ty, sum(w) AS tx, count(*)::BIGINT AS n, ${sums} FROM d GROUP BY ${keys} ORDER BY ${keys}`,
  );
  const replicates = replicate.columns.length;
  const scale = replicateScale(replicate.method, replicates, replicate.fayRho);
  const ratio = (row: Record<string, unknown>, r?: number) => {
    const suffix = r === undefined ? '' : `_${r}`;
    return (row[`ty${suffix}`] as number) / (row[`tx${suffix}`] as number);
  };
  const variance = (full: number, replicateValue: (r: number) => number) => {
    let sum = 0;
    for (let r = 0; r < replicates; r += 1) sum += (replicateValue(r) - full) ** 2;
    return scale * sum;
  };
  if (plan.indicator.kind === 'ratio') {
    return rows.map((row) => {
      const estimate = ratio(row);
      return {
        separate: Object.fromEntries(sep.map((c) => [c, String(row[c])])),
        ...decodeKeys(plan, row),
        estimate,
        // a replicate that drops every observation of the cell has no estimate: the variance is undefined
        variance: variance(estimate, (r) => ratio(row, r)),
        n: Number(row['n']),
        weightedDenominator: row['tx'] as number,
      };
    });
  }
  const groups = new Map<string, { a?: Record<string, unknown>; b?: Record<string, unknown> }>();
  for (const row of rows) {
    const key = JSON.stringify([...sep.map((c) => row[c]), Number(row['g']) % 100]);
    const entry = groups.get(key) ?? {};
    if (Math.floor(Number(row['g']) / 100) === 1) entry.a = row;
    else entry.b = row;
    groups.set(key, entry);
  }
  return [...groups.values()].map(({ a, b }) => {
    const row = (a ?? b) as Record<string, unknown>;
    const ra = a ? ratio(a) : null;
    const rb = b ? ratio(b) : null;
    const info = { ...row, na: a ? a['n'] : 0, nb: b ? b['n'] : 0, rb };
    if (ra === null || rb === null || rb === 0) return parityCell(plan, info, null, null);
    const estimate = ra / rb;
    return parityCell(
      plan,
      info,
      estimate,
      variance(estimate, (r) => ratio(a as Record<string, unknown>, r) / ratio(b as Record<string, unknown>, r)),
    );
  });
}

/** All expected categories of a dimension that the tabulation splits by. */
function expectedValues(plan: Plan, key: CellKey): string[] {
  if (!plan.split[key]) return [TOTAL];
  if (key === 'g_status')
    return plan.indicator.kind === 'parity' ? [`${plan.migrant}/${plan.nonMigrant}`] : [plan.migrant, plan.nonMigrant];
  if (key === 'g_sex') return ['F', 'M'];
  return plan.base.ageGroups.map((group) => group.code);
}

/** Estimate an indicator with standard errors, confidence bounds and suppression flags for every cell of the requested disaggregation. */
export async function tabulate(
  connection: DuckDBConnection,
  source: EstimationSource,
  options: TabulateOptions,
): Promise<Tabulation> {
  const plan = makePlan(options);
  const minN = options.minN ?? 30;
  if (!Number.isInteger(minN) || minN < 1)
    throw new RangeError(`invalid minN: ${minN} (a positive integer is required)`);
  const level = options.confidenceLevel ?? 0.95;
  const z = criticalValue(level);
  const useReplicate = (options.variance ?? (source.replicate ? 'replicate' : 'taylor')) === 'replicate';
  const raw = useReplicate
    ? await replicateCells(connection, source, plan)
    : await taylorCells(connection, source, plan, options.singlePsu ?? 'error');
  const multiplier = plan.indicator.kind === 'ratio' && plan.indicator.unit === 'PT' ? 100 : 1;

  // every expected cell appears, empty ones flagged rather than missing
  const index = new Map(raw.map((cell) => [JSON.stringify([cell.separate, cell.status, cell.sex, cell.age]), cell]));
  const separations = [...new Map(raw.map((cell) => [JSON.stringify(cell.separate), cell.separate])).values()];
  if (separations.length === 0) separations.push(Object.fromEntries(plan.separate.map((c) => [c, ''])));
  const cells: CellEstimate[] = [];
  for (const separate of separations) {
    for (const status of expectedValues(plan, 'g_status')) {
      for (const sex of expectedValues(plan, 'g_sex')) {
        for (const age of expectedValues(plan, 'g_age')) {
          const found = index.get(JSON.stringify([separate, status, sex, age]));
          const cell: RawCell = found ?? {
            separate,
            status,
            sex,
            age,
            estimate: null,
            variance: null,
            n: 0,
            weightedDenominator: 0,
            note: 'no observations',
          };
          cells.push(finish(plan, cell, minN, z, multiplier));
        }
      }
    }
  }
  return {
    indicator: plan.indicator,
    by: [...options.by],
    status: options.status ?? 'birth',
    variance: useReplicate ? (source.replicate as { method: ReplicateMethod }).method : 'taylor',
    confidenceLevel: level,
    minN,
    cells,
  };
}

function finish(plan: Plan, cell: RawCell, minN: number, z: number, multiplier: number): CellEstimate {
  const base = {
    indicator: plan.indicator.id,
    series: plan.indicator.series,
    unit: plan.indicator.unit,
    separate: cell.separate,
    migratoryStatus: cell.status,
    sex: cell.sex,
    ageGroup: cell.age,
    n: cell.n,
    weightedDenominator: cell.weightedDenominator,
  };
  const empty = { estimate: null, standardError: null, lower: null, upper: null };
  if (cell.n < minN) {
    return { ...base, ...empty, status: 'suppressed', note: `unweighted n = ${cell.n} < ${minN}` };
  }
  if (
    cell.estimate === null ||
    cell.variance === null ||
    !Number.isFinite(cell.estimate) ||
    !Number.isFinite(cell.variance)
  ) {
    return { ...base, ...empty, status: 'undefined', note: cell.note ?? 'estimate undefined' };
  }
  const estimate = cell.estimate * multiplier;
  const standardError = Math.sqrt(Math.max(cell.variance, 0)) * multiplier;
  return {
    ...base,
    estimate,
    standardError,
    lower: estimate - z * standardError,
    upper: estimate + z * standardError,
    status: 'estimated',
  };
}
