/**
 * Scoring and aggregation, each against the same computation as SQL in SQLite in the same run:
 * 1. every published round (SG_CPA_MIGRS 2019 and 2021 -> SG_CPA_MIGRP for every area);
 * 2. a seeded synthetic set of 10,000 jurisdictions x 10 rounds: score 100,000 questionnaires of
 *    30 items, then aggregate them over user-defined groups.
 * Goals: published history < 50 ms; synthetic set < 2 s; faster than the SQL baseline.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  aggregateMigrp,
  createGeography,
  defaultGeography,
  readObservations,
  scoreAssessment,
  SDG_10_7_2_V2019,
  seededRandom,
  type GroupDefinition,
  type Observation,
  type PolicyDomainCode,
} from '@migov/core';
import { sharedData } from '../../test-support/shared-data.ts';
import { measure } from './measure.ts';

export interface BenchResult {
  name: string;
  migovMs: number;
  baselineMs: number;
  /** baseline / migov: above 1 means migov is faster. */
  speedup: number;
  goalMs: number;
  detail: string;
}

const DOMAINS: PolicyDomainCode[] = ['ALLDOMAINS', 'DOMAIN1', 'DOMAIN2', 'DOMAIN3', 'DOMAIN4', 'DOMAIN5', 'DOMAIN6'];

/** Load (area, member) pairs for every non-country area, and observations, into SQLite. */
function sqliteBaseline(observations: readonly Observation[], membership: (year: number) => [string, string][]) {
  const db = new Database(':memory:');
  db.exec(
    'create table obs (area text, year int, domain text, value int); create table member (year int, area text, country text);',
  );
  const insertObs = db.prepare('insert into obs values (?, ?, ?, ?)');
  const insertMember = db.prepare('insert into member values (?, ?, ?)');
  db.transaction(() => {
    for (const observation of observations)
      if (typeof observation.value === 'number')
        insertObs.run(observation.area, observation.year, observation.domain, observation.value);
    for (const year of new Set(observations.map((observation) => observation.year)))
      for (const [area, country] of membership(year)) insertMember.run(year, area, country);
  })();
  db.exec('create index obs_key on obs (area, year); create index member_key on member (year, country);');
  const query = db.prepare(
    `select m.area, o.year, o.domain, sum(o.value >= 3) as numerator, count(*) as denominator
       from obs o join member m on m.country = o.area and m.year = o.year
      group by m.area, o.year, o.domain`,
  );
  return { run: () => query.all(), close: () => db.close() };
}

function publishedHistory(): BenchResult {
  const path = sharedData('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv');
  const { observations, problems } = readObservations({ name: path, bytes: new Uint8Array(readFileSync(path)) });
  if (problems.length > 0) throw new Error(`cannot read ${path}: ${problems[0]!.message}`);
  const areas = defaultGeography.listAreas().filter((area) => area.kind !== 'country');
  const membership = (year: number): [string, string][] =>
    areas.flatMap((area) =>
      defaultGeography.areaMembers(area.code, { asOf: year }).map((country): [string, string] => [area.code, country]),
    );
  const expected = aggregateMigrp(observations).aggregates.length;
  const migovMs = measure(() => aggregateMigrp(observations));
  const baseline = sqliteBaseline(observations, membership);
  const rows = baseline.run().length;
  const baselineMs = measure(() => baseline.run());
  baseline.close();
  return {
    name: 'published history (2019, 2021): all areas x domains',
    migovMs,
    baselineMs,
    speedup: baselineMs / migovMs,
    goalMs: 50,
    detail: `${observations.length} country values -> ${expected} aggregates (SQLite GROUP BY: ${rows} rows)`,
  };
}

function synthetic(jurisdictions = 10_000, rounds = 10, seed = 1072): BenchResult {
  const random = seededRandom(seed);
  const instrument = SDG_10_7_2_V2019;
  const items = instrument.domains.flatMap((domain) =>
    domain.items.map((item) => ({ id: item.id, options: instrument.scales[item.scale]!.map((option) => option.id) })),
  );
  // A jurisdiction's propensity to have a policy in place, so that categories spread realistically.
  const propensity = Array.from({ length: jurisdictions }, () => 0.3 + 0.65 * random());
  const questionnaires: { jurisdiction: string; year: number; responses: Record<string, string> }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (let jurisdiction = 0; jurisdiction < jurisdictions; jurisdiction += 1) {
      const responses: Record<string, string> = {};
      for (const item of items) {
        const draw = random();
        const p = propensity[jurisdiction]!;
        responses[item.id] =
          draw < p
            ? item.options[0]!
            : item.options.length === 3 && draw < p + 0.15
              ? item.options[1]!
              : item.options[item.options.length - 1]!;
      }
      questionnaires.push({ jurisdiction: `J${jurisdiction}`, year: 2001 + 2 * round, responses });
    }
  }
  // 50 user-defined groups of 200 jurisdictions, and one group of all.
  const groups: GroupDefinition[] = Array.from({ length: 50 }, (_, group) => ({
    id: `G${group}`,
    name: `Synthetic group ${group}`,
    kind: 'synthetic',
    members: Array.from({ length: jurisdictions / 50 }, (_, index) => ({
      area: `J${group * (jurisdictions / 50) + index}`,
    })),
  }));
  groups.push({
    id: 'ALL',
    name: 'All synthetic jurisdictions',
    kind: 'synthetic',
    members: groups.map((group) => ({ area: group.id })),
  });
  const geography = createGeography({ groups });
  const areas = groups.map((group) => group.id);

  const migov = () => {
    const observations: Observation[] = [];
    for (const questionnaire of questionnaires) {
      const result = scoreAssessment(instrument, questionnaire.responses);
      if (result.status !== 'scored' || result.overall.status !== 'scored')
        throw new Error('synthetic questionnaire not scored');
      observations.push({
        series: 'SG_CPA_MIGRS',
        area: questionnaire.jurisdiction,
        year: questionnaire.year,
        domain: 'ALLDOMAINS',
        value: result.overall.band.code,
      });
      result.domains.forEach((domain, index) => {
        if (domain.status === 'scored')
          observations.push({
            series: 'SG_CPA_MIGRS',
            area: questionnaire.jurisdiction,
            year: questionnaire.year,
            domain: DOMAINS[index + 1]!,
            value: domain.band.code,
          });
      });
    }
    return aggregateMigrp(observations, { geography, areas });
  };
  const aggregates = migov().aggregates.length;
  const migovMs = measure(migov, { runs: 3, warmup: 1 });

  // Baseline: the same scoring and aggregation as SQL over item scores in SQLite.
  const db = new Database(':memory:');
  db.exec(
    'create table answer (jurisdiction text, year int, domain int, score real); create table member (area text, jurisdiction text);',
  );
  const scoreOf = new Map<string, number>();
  for (const scale of Object.values(instrument.scales))
    for (const option of scale) scoreOf.set(option.id, Number(option.score));
  const insertAnswer = db.prepare('insert into answer values (?, ?, ?, ?)');
  const insertMember = db.prepare('insert into member values (?, ?)');
  db.transaction(() => {
    for (const questionnaire of questionnaires)
      for (const item of items)
        insertAnswer.run(
          questionnaire.jurisdiction,
          questionnaire.year,
          Number(item.id[0]),
          scoreOf.get(questionnaire.responses[item.id]!)!,
        );
    for (const group of groups.slice(0, -1))
      for (const member of group.members) {
        insertMember.run(group.id, member.area);
        insertMember.run('ALL', member.area);
      }
  })();
  const query = db.prepare(
    `with domain_score as (
       select jurisdiction, year, domain, sum(score) * 100.0 / count(*) as score from answer group by jurisdiction, year, domain
       union all
       select jurisdiction, year, 0, sum(score) * 100.0 / count(*) from answer group by jurisdiction, year
     ), category as (
       select jurisdiction, year, domain, case when score >= 100 then 4 when score >= 80 - 1e-9 then 3 when score >= 40 - 1e-9 then 2 else 1 end as category from domain_score
     )
     select m.area, c.year, c.domain, sum(c.category >= 3) as numerator, count(*) as denominator
       from category c join member m on m.jurisdiction = c.jurisdiction
      group by m.area, c.year, c.domain`,
  );
  const rows = query.all().length;
  const baselineMs = measure(() => query.all(), { runs: 3, warmup: 1 });
  db.close();
  return {
    name: `synthetic ${jurisdictions.toLocaleString('en')} jurisdictions x ${rounds} rounds: score + aggregate`,
    migovMs,
    baselineMs,
    speedup: baselineMs / migovMs,
    goalMs: 2000,
    detail: `${questionnaires.length} questionnaires of 30 items -> ${aggregates} aggregates (SQLite: ${rows} rows)`,
  };
}

/** Run both benchmarks. */
export function runScoringAggregationBench(): BenchResult[] {
  return [publishedHistory(), synthetic()];
}
