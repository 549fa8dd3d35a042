/**
 * The development groupings of the SDG Global Database, with dated membership.
 *
 * Dates: `from` is the first day of membership, `until` the first day an area is no longer a
 * member (exclusive). A year alone stands for 1 January of that year; where a source gives only the
 * year of a change, only the year is recorded. Membership of the 2019 round was checked by
 * reproducing every published 2019 SG_CPA_MIGRP figure of 199, 432, 722, 514 and 515 exactly
 * (src/aggregation/published-figures.test.ts).
 */
import type { DatedMember, GroupDefinition } from './area.ts';

const member = (area: string, from?: string, until?: string, note?: string): DatedMember => ({
  area,
  ...(from === undefined ? {} : { from }),
  ...(until === undefined ? {} : { until }),
  ...(note === undefined ? {} : { note }),
});

/** The first list of LDCs: General Assembly resolution 2768 (XXVI) of 18 November 1971. */
const LDC_LIST_CREATED = '1971-11-18';

/**
 * Least Developed Countries (199).
 * Sources: UN DESA, "Creation of the LDC category and timeline of changes to LDC membership"
 * (policy.desa.un.org/themes/least-developed-countries-category/creation-of-the-ldc-category-and-timeline-of-changes-to):
 * years of inclusion and graduation. Graduation dates: Equatorial Guinea 4 June 2017 (UN-OHRLLS,
 * "Equatorial Guinea graduates from the category of LDCs"); Vanuatu 4 December 2020 (UN-OHRLLS press
 * release); Bhutan 13 December 2023 (UN DESA); São Tomé and Príncipe 13 December 2024 (UN DESA CDP
 * news, "Sao Tome and Principe graduated from LDC status"); Maldives 1 January 2011 and Samoa
 * 1 January 2014 (UN DESA LDC country profiles); Cabo Verde 20 December 2007 (UN DESA); Botswana
 * December 1994 (UN DESA; day not recorded).
 * Scheduled, not recorded here until they happen: Bangladesh, Lao PDR, Nepal (2026), Solomon
 * Islands (2027), Cambodia, Senegal (2029).
 */
const LDC_GROUP: GroupDefinition = {
  id: '199',
  name: 'Least Developed Countries (LDCs)',
  kind: 'development-group',
  source:
    'UN DESA, LDC category: timeline of changes to LDC membership; UN-OHRLLS and UN DESA graduation notices (see groupings.data.ts)',
  members: [
    member('4', LDC_LIST_CREATED), // Afghanistan
    member('24', '1994'), // Angola
    member('50', '1975'), // Bangladesh
    member('204', LDC_LIST_CREATED), // Benin
    member('64', LDC_LIST_CREATED, '2023-12-13'), // Bhutan
    member('72', LDC_LIST_CREATED, '1994-12'), // Botswana
    member('854', LDC_LIST_CREATED), // Burkina Faso
    member('108', LDC_LIST_CREATED), // Burundi
    member('132', '1977', '2007-12-20'), // Cabo Verde
    member('116', '1991'), // Cambodia
    member('140', '1975'), // Central African Republic
    member('148', LDC_LIST_CREATED), // Chad
    member('174', '1977'), // Comoros
    member('180', '1991'), // Democratic Republic of the Congo
    member('262', '1982'), // Djibouti
    member('226', '1982', '2017-06-04'), // Equatorial Guinea
    member('232', '1994'), // Eritrea
    member('231', LDC_LIST_CREATED), // Ethiopia
    member('270', '1975'), // Gambia
    member('324', LDC_LIST_CREATED), // Guinea
    member('624', '1981'), // Guinea-Bissau
    member('332', LDC_LIST_CREATED), // Haiti
    member('296', '1986'), // Kiribati
    member('418', LDC_LIST_CREATED), // Lao People's Democratic Republic
    member('426', LDC_LIST_CREATED), // Lesotho
    member('430', '1990'), // Liberia
    member('450', '1991'), // Madagascar
    member('454', LDC_LIST_CREATED), // Malawi
    member('462', LDC_LIST_CREATED, '2011-01-01'), // Maldives
    member('466', LDC_LIST_CREATED), // Mali
    member('478', '1986'), // Mauritania
    member('508', '1988'), // Mozambique
    member('104', '1987'), // Myanmar
    member('524', LDC_LIST_CREATED), // Nepal
    member('562', LDC_LIST_CREATED), // Niger
    member('646', LDC_LIST_CREATED), // Rwanda
    member('882', LDC_LIST_CREATED, '2014-01-01'), // Samoa
    member('678', '1982', '2024-12-13'), // Sao Tome and Principe
    member('686', '2000'), // Senegal
    member('694', '1982'), // Sierra Leone
    member('90', '1991'), // Solomon Islands
    member('706', LDC_LIST_CREATED), // Somalia
    member('728', '2012'), // South Sudan
    member(
      '729',
      LDC_LIST_CREATED,
      undefined,
      'M49 729 is Sudan since 2011; listed since 1971 as Sudan [former] (736)',
    ), // Sudan
    member('626', '2003'), // Timor-Leste
    member('768', '1982'), // Togo
    member('798', '1986'), // Tuvalu
    member('800', LDC_LIST_CREATED), // Uganda
    member('834', LDC_LIST_CREATED), // United Republic of Tanzania
    member('548', '1985', '2020-12-04'), // Vanuatu
    member('887', LDC_LIST_CREATED, undefined, 'listed since 1971 as Yemen (Yemen Arab Republic); Yemen since 1990'), // Yemen
    member('894', '1991'), // Zambia
  ],
};

/**
 * Landlocked developing countries (432): the 32 countries of UN-OHRLLS's list
 * (un.org/ohrlls/content/list-lldcs). The grouping changes only when a landlocked developing
 * country becomes independent; South Sudan is dated from its independence (9 July 2011).
 */
const LLDC_GROUP: GroupDefinition = {
  id: '432',
  name: 'Landlocked developing countries (LLDCs)',
  kind: 'development-group',
  source: 'UN-OHRLLS, list of LLDCs; M49 standard, LLDC column',
  members: [
    member('4'), // Afghanistan
    member('51'), // Armenia
    member('31'), // Azerbaijan
    member('64'), // Bhutan
    member('68'), // Bolivia (Plurinational State of)
    member('72'), // Botswana
    member('854'), // Burkina Faso
    member('108'), // Burundi
    member('140'), // Central African Republic
    member('148'), // Chad
    member('748'), // Eswatini
    member('231'), // Ethiopia
    member('398'), // Kazakhstan
    member('417'), // Kyrgyzstan
    member('418'), // Lao People's Democratic Republic
    member('426'), // Lesotho
    member('454'), // Malawi
    member('466'), // Mali
    member('496'), // Mongolia
    member('524'), // Nepal
    member('562'), // Niger
    member('807'), // North Macedonia
    member('600'), // Paraguay
    member('498'), // Republic of Moldova
    member('646'), // Rwanda
    member('728', '2011-07-09'), // South Sudan
    member('762'), // Tajikistan
    member('795'), // Turkmenistan
    member('800'), // Uganda
    member('860'), // Uzbekistan
    member('894'), // Zambia
    member('716'), // Zimbabwe
  ],
};

/**
 * Small island developing States (722), as the M49 standard lists them (52 countries and areas:
 * 38 UN Member States and 14 other areas). Bahrain, on UN-OHRLLS's list until it asked to leave in
 * April 2023, is not in the M49 grouping: the published 2019 SIDS figures (12 responding countries)
 * reproduce only without Bahrain, which responded in 2019. The non-member areas are UNVERIFIED
 * against the current M49 page (none responded to the survey, so no published figure tests them).
 */
const SIDS_GROUP: GroupDefinition = {
  id: '722',
  name: 'Small island developing States (SIDS)',
  kind: 'development-group',
  source: 'M49 standard, SIDS column (unstats.un.org/unsd/methodology/m49/); UN-OHRLLS list of SIDS',
  note: 'Bahrain is not a member: see the 2019 reproduction test.',
  members: [
    // Caribbean
    member('660'), // Anguilla
    member('28'), // Antigua and Barbuda
    member('533'), // Aruba
    member('44'), // Bahamas
    member('52'), // Barbados
    member('84'), // Belize
    member('92'), // British Virgin Islands
    member('192'), // Cuba
    member('531', '2010-10-10'), // Curaçao
    member('212'), // Dominica
    member('214'), // Dominican Republic
    member('308'), // Grenada
    member('328'), // Guyana
    member('332'), // Haiti
    member('388'), // Jamaica
    member('500'), // Montserrat
    member('630'), // Puerto Rico
    member('659'), // Saint Kitts and Nevis
    member('662'), // Saint Lucia
    member('670'), // Saint Vincent and the Grenadines
    member('534', '2010-10-10'), // Sint Maarten (Dutch part)
    member('740'), // Suriname
    member('780'), // Trinidad and Tobago
    member('850'), // United States Virgin Islands
    // Pacific
    member('16'), // American Samoa
    member('184'), // Cook Islands
    member('242'), // Fiji
    member('258'), // French Polynesia
    member('316'), // Guam
    member('296'), // Kiribati
    member('584'), // Marshall Islands
    member('583'), // Micronesia (Federated States of)
    member('520'), // Nauru
    member('540'), // New Caledonia
    member('570'), // Niue
    member('580'), // Northern Mariana Islands
    member('585'), // Palau
    member('598'), // Papua New Guinea
    member('882'), // Samoa
    member('90'), // Solomon Islands
    member('626', '2002-05-20'), // Timor-Leste
    member('776'), // Tonga
    member('798'), // Tuvalu
    member('548'), // Vanuatu
    // Africa, Indian Ocean and South China Sea
    member('132'), // Cabo Verde
    member('174'), // Comoros
    member('624'), // Guinea-Bissau
    member('462'), // Maldives
    member('480'), // Mauritius
    member('678'), // Sao Tome and Principe
    member('690'), // Seychelles
    member('702'), // Singapore
  ],
};

/**
 * Developed regions (514), as its name in the SDG database spells out: Europe, Northern America,
 * Australia and New Zealand, Japan, Israel and Cyprus. The SDG database published 514 and 515 for
 * the 2019 round and not for 2021. The 2019 figures (34 responding) confirm Japan; Israel and
 * Cyprus did not respond in 2019, so their place here rests on the name alone.
 */
const DEVELOPED_REGIONS_GROUP: GroupDefinition = {
  id: '514',
  name: 'Developed regions (Europe, Cyprus, Israel, Northern America, Japan, Australia & New Zealand)',
  kind: 'development-region',
  source: 'M49 standard, developed/developing column as used by the UN SDG Global Database (2019 round)',
  members: [member('150'), member('21'), member('53'), member('392'), member('376'), member('196')],
};

/** Developing regions (515): every country or area except the developed regions (and Antarctica). */
const DEVELOPING_REGIONS_GROUP: GroupDefinition = {
  id: '515',
  name: 'Developing regions',
  kind: 'development-region',
  source: 'M49 standard, developed/developing column as used by the UN SDG Global Database (2019 round)',
  members: [member('1')],
  excluded: [member('514'), member('10')],
};

export const DEVELOPMENT_GROUPS: readonly GroupDefinition[] = [
  LDC_GROUP,
  LLDC_GROUP,
  SIDS_GROUP,
  DEVELOPED_REGIONS_GROUP,
  DEVELOPING_REGIONS_GROUP,
];
