/**
 * The SQLite baseline: the same validation and the same Taylor-linearized estimators as
 * packages/microdata/src/estimate.ts, written as plain SQLite SQL over a table of the default
 * microdata layout (one temporary table of PSU totals per indicator, as DuckDB materializes it).
 */
import type { Database } from 'better-sqlite3';
import { INDICATORS, MIGRATORY_STATUS_DEFINITIONS, ageGroupSql, type RatioIndicator } from '@migov/microdata';

/** The canonical view over the imported table, as loadMicrodata derives it. */
export const CANONICAL_VIEW_SQL = `CREATE VIEW microdata AS SELECT
  stratum, psu, weight, CASE WHEN sex = 1 THEN 'M' ELSE 'F' END AS sex, sex = 1 AS male, age,
  birth_country <> 'XSY' AS foreign_born, citizenship <> 'XSY' AS non_citizen,
  residence_5y_ago NOT IN ('XSY', 'NIU') AS recent_migrant,
  attending_education = 1 AS attending, labour_status = 1 AS employed, labour_status = 2 AS unemployed
FROM persons`;

/** The same cell checks as loadMicrodata, counted in one scan. */
export const VALIDATION_SQL = `SELECT
  sum(stratum IS NULL OR stratum = '') + sum(psu IS NULL OR psu = '')
  + sum(weight IS NULL OR weight <= 0)
  + sum(sex IS NULL OR sex NOT IN (1, 2))
  + sum(age IS NULL OR age <> CAST(age AS INTEGER) OR age < 0 OR age > 120)
  + sum(birth_country IS NULL OR birth_country = '') + sum(citizenship IS NULL OR citizenship = '')
  + sum(residence_5y_ago IS NULL OR residence_5y_ago = '')
  + sum(attending_education IS NULL OR attending_education NOT IN (1, 2))
  + sum(labour_status IS NULL OR labour_status NOT IN (1, 2, 3, 9))
  + sum(age >= 15 AND labour_status = 9) AS problems
FROM persons`;

/** A cell estimate from SQLite (proportions, not percent). */
export interface SqliteCell {
  g_status: number;
  g_sex: number;
  g_age: number;
  estimate: number | null;
  variance: number | null;
  n: number;
}

const VARIANCE = (keys: string) => `
s AS (SELECT ${keys}, stratum, sum(z) AS sz, count(*) AS m FROM zz GROUP BY ${keys}, stratum),
dev AS (
  SELECT ${keys
    .split(', ')
    .map((k) => `zz.${k}`)
    .join(', ')}, zz.stratum, sum((zz.z - s.sz / nh.n_h) * (zz.z - s.sz / nh.n_h)) AS ss
  FROM zz JOIN s USING (${keys}, stratum) JOIN nh USING (stratum)
  GROUP BY ${keys}, zz.stratum
),
v AS (
  SELECT ${keys
    .split(', ')
    .map((k) => `s.${k}`)
    .join(', ')},
    sum(CASE WHEN nh.n_h > 1 THEN nh.n_h / (nh.n_h - 1.0) * (dev.ss + (nh.n_h - s.m) * (s.sz / nh.n_h) * (s.sz / nh.n_h)) ELSE 0 END) AS variance
  FROM s JOIN dev USING (${keys}, stratum) JOIN nh USING (stratum)
  GROUP BY ${keys}
)`;

function psuTotals(db: Database, base: RatioIndicator): void {
  const status = MIGRATORY_STATUS_DEFINITIONS.birth.column;
  db.exec('DROP TABLE IF EXISTS temp.psus');
  db.exec(`CREATE TEMP TABLE psus AS
    SELECT CASE WHEN ${status} THEN 1 ELSE 2 END AS g_status, CASE WHEN male THEN 1 ELSE 2 END AS g_sex, ${ageGroupSql(base.ageGroups, true)} AS g_age,
      stratum, psu, sum(weight * (${base.numerator})) AS py, sum(weight) AS px, count(*) AS pn
    FROM microdata WHERE ${base.denominator}
    GROUP BY 1, 2, 3, stratum, psu`);
}

/** PSU counts of the design, once. */
export function createPsuCounts(db: Database): void {
  db.exec('DROP TABLE IF EXISTS temp.nh');
  db.exec('CREATE TEMP TABLE nh AS SELECT stratum, count(DISTINCT psu) AS n_h FROM persons GROUP BY stratum');
}

/** A ratio indicator by migratory status (birth) × sex × age group, with its Taylor variance. */
export function sqliteRatio(db: Database, id: 'neet' | 'unemployment-rate'): SqliteCell[] {
  const base = INDICATORS[id];
  psuTotals(db, base);
  const keys = 'g_status, g_sex, g_age';
  return db
    .prepare(
      `WITH cells AS (SELECT ${keys}, sum(py) AS ty, sum(px) AS tx, sum(pn) AS n FROM psus GROUP BY ${keys}),
zz AS (SELECT ${keys}, stratum, psu, (py - ty / tx * px) / tx AS z FROM psus JOIN cells USING (${keys})), ${VARIANCE(keys)}
SELECT ${keys}, ty / tx AS estimate, v.variance, n FROM cells LEFT JOIN v USING (${keys}) ORDER BY ${keys}`,
    )
    .all() as SqliteCell[];
}

/** The attendance parity index (foreign-born / native-born) by sex × age group, with its Taylor variance. */
export function sqliteParity(db: Database): SqliteCell[] {
  const base = INDICATORS['attendance-parity'].base;
  psuTotals(db, base);
  const keys = 'g_status, g_sex, g_age';
  const others = 'g_sex, g_age';
  return db
    .prepare(
      `WITH cells AS (SELECT ${keys}, sum(py) AS ty, sum(px) AS tx, sum(pn) AS n FROM psus GROUP BY ${keys}),
z AS (SELECT ${keys}, stratum, psu, (py - ty / tx * px) / tx AS z FROM psus JOIN cells USING (${keys})),
pc AS (
  SELECT ${others}, max(ty / tx) FILTER (WHERE g_status = 1) AS ra, max(ty / tx) FILTER (WHERE g_status = 2) AS rb,
    coalesce(max(n) FILTER (WHERE g_status = 1), 0) AS na, coalesce(max(n) FILTER (WHERE g_status = 2), 0) AS nb
  FROM cells GROUP BY ${others}
),
zz AS (
  SELECT z.g_sex, z.g_age, stratum, psu,
    (coalesce(sum(z) FILTER (WHERE g_status = 1), 0) - max(ra / rb) * coalesce(sum(z) FILTER (WHERE g_status = 2), 0)) / max(rb) AS z
  FROM z JOIN pc USING (${others}) WHERE pc.rb > 0 AND pc.ra IS NOT NULL
  GROUP BY z.g_sex, z.g_age, stratum, psu
), ${VARIANCE(others)}
SELECT 0 AS g_status, ${others}, CASE WHEN rb > 0 THEN ra / rb END AS estimate, v.variance, min(na, nb) AS n
FROM pc LEFT JOIN v USING (${others}) ORDER BY ${others}`,
    )
    .all() as SqliteCell[];
}
