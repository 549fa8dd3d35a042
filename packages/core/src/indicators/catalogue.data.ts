/**
 * The migration-related SDG indicators as data, compiled from migov's reference table
 * (sdg_migration_indicators.csv: exact titles, custodians, tiers, each with its source). A fact
 * that could not be confirmed carries `status: 'unverified'` and says why; nothing here is read
 * from disk at run time.
 */
import type { IndicatorDefinition } from './catalogue.ts';

/** Where the current titles come from (title_source column of the reference table). */
const TITLES_2025 = 'open-sdg/sdg-translations translations/en/global_indicators.yml @0cda5858 (2025-08-19)';
/** Where custodians and tiers come from (custodian_source column; `<id>` is the indicator). */
const CUSTODIANS_2024 = 'CityOfLosAngeles/open-sdg-data-starter meta/<id>.md @94172841 (2024-10-09)';
/** migov's compiled facts on 10.7.2 (UN SDG metadata repository and national metadata). */
const SDG_10_7_2_REFERENCE =
  'migov reference sdg-10-7-2.md (UN SDG metadata repository; national metadata of Canada, Moldova, Serbia, Spain INE)';
/** Earlier wordings seen in public copies of the 2017 framework, not yet checked against the official list. */
const FRAMEWORK_2017_COPIES =
  'public copies of the 2017 global indicator framework (A/RES/71/313 annex); not checked against the official list';
/** SDG Global Database series codes seen in public extracts of the database, not in migov's reference data. */
const SERIES_EXTRACTS =
  'series codes seen in public extracts of the UN SDG Global Database; not in migov reference data';
/** The series of 10.7.2 as migov's test data publishes them. */
const SERIES_10_7_2 = 'UN SDG Global Database via open-numbers/ddf--unstats--sdg_indicators @e0117e9';

const TARGET_10_7 =
  'Facilitate orderly, safe, regular and responsible migration and mobility of people, including through the implementation of planned and well-managed migration policies';
const TARGET_8_8 =
  'Protect labour rights and promote safe and secure working environments for all workers, including migrant workers, in particular women migrants, and those in precarious employment';
const TARGET_5_2 =
  'Eliminate all forms of violence against all women and girls in the public and private spheres, including trafficking and sexual and other types of exploitation';
const TARGET_17_18 =
  'By 2020, enhance capacity-building support to developing countries, including for least developed countries and small island developing States, to increase significantly the availability of high-quality, timely and reliable data disaggregated by income, gender, age, race, ethnicity, migratory status, disability, geographic location and other characteristics relevant in national contexts';

/** A tier exactly as the reference table gives it, with the reading migov takes from it. */
const tier = (
  asInSource: string,
  value: IndicatorDefinition['tier']['value'],
  status: IndicatorDefinition['tier']['status'],
  note?: string,
): IndicatorDefinition['tier'] => ({
  value,
  asInSource,
  status,
  source: CUSTODIANS_2024,
  ...(note ? { note } : {}),
});

/**
 * SDG indicators migov computes from census and survey microdata, disaggregated by migratory status
 * (docs/microdata.md): not in the reference table, so their facts come from the global indicator
 * framework as quoted here, unconfirmed against the official list.
 */
const MICRODATA_FRAMEWORK =
  'global indicator framework (A/RES/71/313 annex, as revised); quoted in migov docs/microdata.md, not in migov reference data';
/** Series codes migov's microdata tabulations write (docs/microdata.md, Indicators). */
const MICRODATA_SERIES = 'migov microdata tabulation (docs/microdata.md); SDG Global Database code where one exists';
const microdataTier = (value: 'I' | 'II', asInSource: string): IndicatorDefinition['tier'] => ({
  value,
  asInSource,
  status: 'as-in-source',
  source: MICRODATA_FRAMEWORK,
  note: 'tier as commonly listed in the tier classification; not checked against the latest list',
});

/**
 * The 18 migration-related SDG indicators of the reference table, in its order: the one list the
 * indicator pages, the crosswalk's target texts and the briefs read.
 */
export const SDG_MIGRATION_INDICATORS = [
  {
    id: '10.7.1',
    goal: '10',
    target: '10.7',
    targetText: TARGET_10_7,
    titles: [
      {
        title: 'Recruitment cost borne by employee as a proportion of yearly income earned in country of destination',
        from: 2017,
        until: 2020,
        source: FRAMEWORK_2017_COPIES,
        status: 'unverified',
        note: 'wording and the year of the change ("yearly" to "monthly") not confirmed',
      },
      {
        title: 'Recruitment cost borne by employee as a proportion of monthly income earned in country of destination',
        from: 2020,
        source: TITLES_2025,
        status: 'sourced',
        note: 'start year (2020 comprehensive review) not confirmed',
      },
    ],
    custodians: ['ILO', 'World Bank'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '10.7.2',
    goal: '10',
    target: '10.7',
    targetText: TARGET_10_7,
    titles: [
      {
        title: 'Number of countries that have implemented well-managed migration policies',
        from: 2017,
        until: 2020,
        source: FRAMEWORK_2017_COPIES,
        status: 'unverified',
        note: 'migov reference sdg-10-7-2.md gives the "with migration policies that facilitate" wording for the 2017 framework: the sources disagree',
      },
      {
        title:
          'Number of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
        from: 2020,
        until: 2025,
        source: TITLES_2025,
        status: 'sourced',
        note: 'the translations file still carries this wording in August 2025; its start year is not confirmed',
      },
      {
        title:
          'Proportion of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
        from: 2025,
        source: SDG_10_7_2_REFERENCE,
        status: 'sourced',
      },
    ],
    custodians: ['UN DESA Population Division', 'IOM'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct',
    tier: tier(
      '2 in source (STALE; INE Spain metadata 17/02/2025 lists Tier I)',
      'II',
      'stale',
      'INE Spain metadata of 17/02/2025 lists Tier I',
    ),
    definition: {
      text: 'Countries are categorised per policy domain (1 requires further progress, 2 partially meets, 3 meets, 4 fully meets) from 30 items in six domains of the UN Inquiry among Governments on Population and Development, module on international migration; SG_CPA_MIGRP is the proportion of responding countries that meet or fully meet.',
      source: SDG_10_7_2_REFERENCE,
    },
    series: [
      { code: 'SG_CPA_MIGRS', source: SERIES_10_7_2, status: 'sourced' },
      { code: 'SG_CPA_MIGRP', source: SERIES_10_7_2, status: 'sourced' },
    ],
  },
  {
    id: '10.7.3',
    goal: '10',
    target: '10.7',
    targetText: TARGET_10_7,
    titles: [
      {
        title:
          'Number of people who died or disappeared in the process of migration towards an international destination',
        from: 2020,
        source: TITLES_2025,
        status: 'sourced',
        note: 'start year (added in the 2020 comprehensive review) not confirmed',
      },
    ],
    custodians: ['IOM'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct',
    tier: tier('2', 'II', 'as-in-source'),
    series: [{ code: 'SM_DTH_MIGR', source: SERIES_EXTRACTS, status: 'unverified' }],
  },
  {
    id: '10.7.4',
    goal: '10',
    target: '10.7',
    targetText: TARGET_10_7,
    titles: [
      {
        title: 'Proportion of the population who are refugees, by country of origin',
        from: 2020,
        source: TITLES_2025,
        status: 'sourced',
        note: 'start year (added in the 2020 comprehensive review) not confirmed',
      },
    ],
    custodians: ['UNHCR'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct',
    tier: tier('2', 'II', 'as-in-source'),
    series: [{ code: 'SM_POP_REFG_OR', source: SERIES_EXTRACTS, status: 'unverified' }],
  },
  {
    id: '10.c.1',
    goal: '10',
    target: '10.c',
    targetText:
      'By 2030, reduce to less than 3 per cent the transaction costs of migrant remittances and eliminate remittance corridors with costs higher than 5 per cent',
    titles: [
      { title: 'Remittance costs as a proportion of the amount remitted', source: TITLES_2025, status: 'sourced' },
    ],
    custodians: ['World Bank'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct',
    tier: tier(
      'UNVERIFIED (source value "10" is a data error)',
      null,
      'unverified',
      'the source gives "10", which is not a tier',
    ),
    series: [
      { code: 'SI_RMT_COST', source: SERIES_EXTRACTS, status: 'unverified' },
      { code: 'SI_RMT_COST_BC', source: SERIES_EXTRACTS, status: 'unverified' },
    ],
  },
  {
    id: '17.3.2',
    goal: '17',
    target: '17.3',
    targetText: 'Mobilize additional financial resources for developing countries from multiple sources',
    titles: [
      {
        title: 'Volume of remittances (in United States dollars) as a proportion of total GDP',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['World Bank'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct',
    tier: tier('1', 'I', 'as-in-source'),
    series: [],
  },
  {
    id: '8.8.1',
    goal: '8',
    target: '8.8',
    targetText: TARGET_8_8,
    titles: [
      {
        title: 'Frequency rates of fatal and non-fatal occupational injuries, by sex and migrant status',
        from: 2017,
        until: 2020,
        source: FRAMEWORK_2017_COPIES,
        status: 'unverified',
        note: 'wording and the year of the change not confirmed',
      },
      {
        title: 'Fatal and non-fatal occupational injuries per 100,000 workers, by sex and migrant status',
        from: 2020,
        source: TITLES_2025,
        status: 'sourced',
        note: 'start year not confirmed',
      },
    ],
    custodians: ['ILO'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct (by migrant status)',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '8.8.2',
    goal: '8',
    target: '8.8',
    targetText: TARGET_8_8,
    titles: [
      {
        title:
          'Level of national compliance with labour rights (freedom of association and collective bargaining) based on International Labour Organization (ILO) textual sources and national legislation, by sex and migrant status',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['ILO'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'direct (by migrant status)',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '8.7.1',
    goal: '8',
    target: '8.7',
    targetText:
      'Take immediate and effective measures to eradicate forced labour, end modern slavery and human trafficking and secure the prohibition and elimination of the worst forms of child labour, including recruitment and use of child soldiers, and by 2025 end child labour in all its forms',
    titles: [
      {
        title: 'Proportion and number of children aged 5–17 years engaged in child labour, by sex and age',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['ILO', 'UNICEF'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target mentions trafficking/forced labour',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '16.2.2',
    goal: '16',
    target: '16.2',
    targetText: 'End abuse, exploitation, trafficking and all forms of violence against and torture of children',
    titles: [
      {
        title: 'Number of victims of human trafficking per 100,000 population, by sex, age and form of exploitation',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['UNODC'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target mentions trafficking',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '5.2.1',
    goal: '5',
    target: '5.2',
    targetText: TARGET_5_2,
    titles: [
      {
        title:
          'Proportion of ever-partnered women and girls aged 15 years and older subjected to physical, sexual or psychological violence by a current or former intimate partner in the previous 12 months, by form of violence and by age',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['UNICEF', 'UN Women', 'UNFPA', 'WHO', 'UNODC'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target mentions trafficking',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '5.2.2',
    goal: '5',
    target: '5.2',
    targetText: TARGET_5_2,
    titles: [
      {
        title:
          'Proportion of women and girls aged 15 years and older subjected to sexual violence by persons other than an intimate partner in the previous 12 months, by age and place of occurrence',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['UNICEF', 'UN Women', 'UNFPA', 'WHO', 'UNODC'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target mentions trafficking',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '3.c.1',
    goal: '3',
    target: '3.c',
    targetText:
      'Substantially increase health financing and the recruitment, development, training and retention of the health workforce in developing countries, especially in least developed countries and small island developing States',
    titles: [{ title: 'Health worker density and distribution', source: TITLES_2025, status: 'sourced' }],
    custodians: ['WHO'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target on health workforce retention (brain drain)',
    tier: tier('1', 'I', 'as-in-source'),
    series: [],
  },
  {
    id: '4.b.1',
    goal: '4',
    target: '4.b',
    targetText:
      'By 2020, substantially expand globally the number of scholarships available to developing countries, in particular least developed countries, small island developing States and African countries, for enrolment in higher education, including vocational training and information and communications technology, technical, engineering and scientific programmes, in developed countries and other developing countries',
    titles: [
      {
        title: 'Volume of official development assistance flows for scholarships by sector and type of study',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['OECD'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target on scholarships / student mobility',
    tier: tier('1', 'I', 'as-in-source'),
    series: [],
  },
  {
    id: '17.18.1',
    goal: '17',
    target: '17.18',
    targetText: TARGET_17_18,
    titles: [
      {
        title:
          'Proportion of sustainable development indicators produced at the national level with full disaggregation when relevant to the target, in accordance with the Fundamental Principles of Official Statistics',
        from: 2017,
        until: 2020,
        source: FRAMEWORK_2017_COPIES,
        status: 'unverified',
        note: 'wording and the year of the change not confirmed',
      },
      {
        title: 'Statistical capacity indicator for Sustainable Development Goal monitoring',
        from: 2020,
        source: TITLES_2025,
        status: 'sourced',
        note: 'start year not confirmed',
      },
    ],
    custodians: ['UNSD'],
    custodianSource: CUSTODIANS_2024,
    custodianNote: 'UNSD per source; other partners UNVERIFIED',
    migrationRelevance: 'target calls for disaggregation by migratory status',
    tier: tier('3', 'III', 'as-in-source'),
    series: [],
  },
  {
    id: '17.18.2',
    goal: '17',
    target: '17.18',
    targetText: TARGET_17_18,
    titles: [
      {
        title:
          'Number of countries that have national statistical legislation that complies with the Fundamental Principles of Official Statistics',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['UNSD', 'PARIS21', 'UN Regional Commissions', 'World Bank'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target calls for disaggregation by migratory status',
    tier: tier('2', 'II', 'as-in-source'),
    series: [],
  },
  {
    id: '17.18.3',
    goal: '17',
    target: '17.18',
    targetText: TARGET_17_18,
    titles: [
      {
        title:
          'Number of countries with a national statistical plan that is fully funded and under implementation, by source of funding',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['PARIS21'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'target calls for disaggregation by migratory status',
    tier: tier('1', 'I', 'as-in-source'),
    series: [],
  },
  {
    id: '16.9.1',
    goal: '16',
    target: '16.9',
    targetText: 'By 2030, provide legal identity for all, including birth registration',
    titles: [
      {
        title:
          'Proportion of children under 5 years of age whose births have been registered with a civil authority, by age',
        source: TITLES_2025,
        status: 'sourced',
      },
    ],
    custodians: ['UNSD', 'UNICEF'],
    custodianSource: CUSTODIANS_2024,
    migrationRelevance: 'legal identity (GCM obj. 4 link)',
    tier: tier('1', 'I', 'as-in-source'),
    series: [],
  },
] as const satisfies readonly IndicatorDefinition[];

/** The indicators migov computes from census and survey microdata only (docs/microdata.md). */
const MICRODATA_INDICATORS = [
  {
    id: '8.6.1',
    goal: '8',
    target: '8.6',
    targetText: 'By 2020, substantially reduce the proportion of youth not in employment, education or training',
    titles: [
      {
        title: 'Proportion of youth (aged 15-24 years) not in education, employment or training',
        source: MICRODATA_FRAMEWORK,
        status: 'unverified',
        note: 'not in migov reference data; computed by migov from microdata, by migratory status',
      },
    ],
    custodians: ['ILO'],
    custodianSource: MICRODATA_FRAMEWORK,
    migrationRelevance: 'disaggregated by migratory status from census and survey microdata (target 17.18)',
    tier: microdataTier('I', '1'),
    series: [{ code: 'SL_TLF_NEET', source: MICRODATA_SERIES, status: 'unverified' }],
  },
  {
    id: '8.5.2',
    goal: '8',
    target: '8.5',
    targetText:
      'By 2030, achieve full and productive employment and decent work for all women and men, including for young people and persons with disabilities, and equal pay for work of equal value',
    titles: [
      {
        title: 'Unemployment rate, by sex, age and persons with disabilities',
        source: MICRODATA_FRAMEWORK,
        status: 'unverified',
        note: 'not in migov reference data; computed by migov from microdata, by migratory status',
      },
    ],
    custodians: ['ILO'],
    custodianSource: MICRODATA_FRAMEWORK,
    migrationRelevance: 'disaggregated by migratory status from census and survey microdata (target 17.18)',
    tier: microdataTier('I', '1'),
    series: [{ code: 'SL_TLF_UEM', source: MICRODATA_SERIES, status: 'unverified' }],
  },
  {
    id: '4.5.1',
    goal: '4',
    target: '4.5',
    targetText:
      'By 2030, eliminate gender disparities in education and ensure equal access to all levels of education and vocational training for the vulnerable, including persons with disabilities, indigenous peoples and children in vulnerable situations',
    titles: [
      {
        title:
          'Parity indices (female/male, rural/urban, bottom/top wealth quintile and others such as disability status, indigenous peoples and conflict-affected, as data become available) for all education indicators on this list that can be disaggregated',
        source: MICRODATA_FRAMEWORK,
        status: 'unverified',
        note: 'not in migov reference data; migov computes a migratory-status parity index of school attendance (and the attendance rate it is built from)',
      },
    ],
    custodians: ['UNESCO-UIS'],
    custodianSource: MICRODATA_FRAMEWORK,
    migrationRelevance: 'migratory-status parity computed from census and survey microdata (target 17.18)',
    tier: microdataTier('I', '1/2 (by education indicator)'),
    series: [
      { code: 'MIGOV_ATTEND_MPI', source: MICRODATA_SERIES, status: 'unverified' },
      { code: 'MIGOV_ATTEND_RATE', source: MICRODATA_SERIES, status: 'unverified' },
    ],
  },
] as const satisfies readonly IndicatorDefinition[];

/** The catalogue: the 18 indicators of the reference table, then the 3 computed from microdata. */
export const INDICATOR_CATALOGUE = [...SDG_MIGRATION_INDICATORS, ...MICRODATA_INDICATORS] as const;
