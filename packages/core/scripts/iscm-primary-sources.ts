// Facts of the ISCM registry checked against primary sources (the processes' own sites, IOM, the UN,
// the governments that host a process), applied by compile-governance-reference.ts over the shared
// compilation. Each entry names its source page and the date it was consulted; what no primary source
// confirmed is left unverified with the reason.

const CONSULTED = 'consulted December 2026';

interface Claim {
  year?: number;
  text: string;
  source: string;
  unverifiedReason?: string;
}
interface Sourced {
  text: string;
  source: string;
  unverifiedReason?: string;
}

/** Corrections of a process's own facts, by process id. */
export interface ProcessCorrection {
  source?: string;
  founding?: Claim[];
  secretariat?: Sourced;
  memberCountReported?: Sourced;
  /** Why the member list is not compiled from a primary source. */
  membersNotCompiled?: string;
  typeSources?: Record<string, { source: string; unverifiedReason?: string }>;
}

const BUDAPEST_MIRROR =
  'found only as a document-mirror copy (fdocuments.us) of IOM\'s "Overview of Principal ISCMs 2017"; the original on iom.int was not confirmed';

export const PROCESS_CORRECTIONS: Record<string, ProcessCorrection> = {
  'budapest-process': {
    source:
      'https://www.budapestprocess.org/budapest-process/governance; iom.int/budapest-process; icmpd.org/our-work/migration-dialogues',
    founding: [
      {
        year: 1991,
        text: '1991 (IOM overviews 2013/2015/2017)',
        source: 'IOM Overview of Principal ISCMs 2017 (fdocuments.us copy)',
        unverifiedReason: BUDAPEST_MIRROR,
      },
      {
        year: 1993,
        text: '1993 (Senior Officials steer the Process since 1993; IOM current page)',
        source: 'https://www.budapestprocess.org/budapest-process/governance; iom.int/budapest-process',
      },
    ],
    secretariat: {
      text: 'ICMPD (since 1994); Chair Türkiye (since January 2006), Co-Chair Hungary (Chair 1993-2006)',
      source: 'https://www.budapestprocess.org/budapest-process/governance',
    },
    memberCountReported: {
      text: 'over 50 governments and 10 international organisations',
      source: 'iom.int/budapest-process; icmpd.org/our-work/migration-dialogues',
    },
    membersNotCompiled: `the list of 49 participating States was ${BUDAPEST_MIRROR}; no primary list was found`,
    typeSources: {
      'regional-consultative-process': {
        source: 'IOM Overview of Principal ISCMs 2013-2017 (fdocuments.us copy)',
        unverifiedReason: BUDAPEST_MIRROR,
      },
    },
  },
  'prague-process': {
    source:
      'https://www.pragueprocess.eu/en/about/states-partners; iom.int/fr/processus-de-prague; icmpd.org/our-work/migration-dialogues',
    founding: [
      {
        year: 2009,
        text: '2009 ("Building Migration Partnerships" Ministerial Conference, Prague)',
        source:
          'https://www.pragueprocess.eu/en/news-events/news/331-the-prague-process-turned-10; iom.int/fr/processus-de-prague',
      },
    ],
    secretariat: {
      text: 'ICMPD (Prague Process Secretariat); led since 2017 by a Strategic Group',
      source:
        'https://www.pragueprocess.eu/en/news-events/news/12-; https://www.pragueprocess.eu/en/about/states-partners',
    },
    memberCountReported: {
      text: '50 participating States (as of 2018)',
      source: 'https://www.pragueprocess.eu/en/about/states-partners',
    },
  },
  hld: {
    source: 'https://www.un.org/migration/; https://www.un.org/en/ga/68/meetings/migration/about.shtml',
    founding: [
      { year: 2006, text: '2006 (14-15 September 2006, UN General Assembly)', source: 'https://www.un.org/migration/' },
      {
        year: 2013,
        text: '2nd HLD 3-4 October 2013',
        source: 'https://www.un.org/en/ga/68/meetings/migration/about.shtml',
      },
    ],
    secretariat: { text: 'UN (General Assembly)', source: 'https://www.un.org/migration/' },
    memberCountReported: { text: 'UN Member States', source: 'https://www.un.org/french/migration/' },
  },
  gfmd: {
    source: 'https://www.gfmd.org/meetings/belgium2007; diplomatie.belgium.be',
    founding: [
      {
        year: 2007,
        text: '2007 (first meeting, Brussels, 9-11 July 2007)',
        source: 'https://www.gfmd.org/meetings/belgium2007; diplomatie.belgium.be',
      },
    ],
    secretariat: {
      text: 'GFMD Support Unit',
      source: 'iom.ch/global-processes-migration',
      unverifiedReason: 'no GFMD or UN page confirming the Support Unit was found',
    },
    memberCountReported: {
      text: 'open to all UN Member States (informal, voluntary, government-led)',
      source: 'https://www.gfmd.org/meetings/belgium2007',
    },
  },
  imrf: {
    source:
      'https://migrationnetwork.un.org/events/2022-hlpf-side-event-actioning-commitments-international-migration-review-forum-imrf; https://lac.iom.int/en/blogs/after-4-years-how-much-progress-has-been-made-implementation-global-compact-migration',
    founding: [
      {
        year: 2022,
        text: '2022 (first IMRF, UN Headquarters, 17-20 May 2022; every four years)',
        source:
          'https://lac.iom.int/en/blogs/after-4-years-how-much-progress-has-been-made-implementation-global-compact-migration; https://migrationnetwork.un.org/events/2022-hlpf-side-event-actioning-commitments-international-migration-review-forum-imrf',
      },
    ],
  },
  'almaty-process': {
    founding: [
      { year: 2011, text: '2011 (Almaty Declaration, March 2011)', source: 'unhcr.org/centralasia/en/almaty-process' },
      {
        year: 2013,
        text: '2013 (IOM page; RCP launched at 5 June 2013 Ministerial)',
        source: 'iom.int/almaty-process',
      },
    ],
  },
  midcas: {
    memberCountReported: {
      text: '10',
      source: 'docsbay.net/doc/909262 (draft IOM webpage text)',
      unverifiedReason: 'given only by a document-mirror copy (docsbay.net) of a draft IOM page',
    },
    membersNotCompiled:
      'the member list comes only from a document-mirror copy (docsbay.net) of a draft IOM page; IOM describes MIDCAS as dormant since 2016',
  },
  midwa: {
    founding: [
      {
        year: 2001,
        text: '2001',
        source: 'https://www.iom.int/midwa; https://www.iom.int/migration-dialogue-west-africa-midwa',
      },
      {
        year: 2000,
        text: 'est. Dec 2000 per IOM 2016 news',
        source: 'newshour.media 2016',
        unverifiedReason:
          'only a news-site copy (newshour.media) of an IOM release; the release on iom.int was not confirmed',
      },
    ],
    secretariat: {
      text: 'ECOWAS Commission (regional secretariat created 2017; ad interim ECOWAS Directorate of Free Movement and Tourism)',
      source: 'https://www.iom.int/midwa; https://www.iom.int/migration-dialogue-west-africa-midwa',
    },
    memberCountReported: {
      text: '15 participating States; observer States France, Switzerland',
      source: 'https://www.iom.int/midwa',
    },
  },
  'colombo-process': {
    source:
      'https://www.iom.int/regional-consultative-process-overseas-employement-and-contractual-labour-countries-origin-asia; colomboprocess.org',
    founding: [
      {
        year: 2003,
        text: '2003 (first Ministerial Consultation, Colombo)',
        source:
          'https://www.iom.int/regional-consultative-process-overseas-employement-and-contractual-labour-countries-origin-asia; colomboprocess.org/About_the_Colombo_Process_Background-5a-2.html',
      },
    ],
    secretariat: {
      text: 'IOM (technical and administrative support; Technical Support Unit in IOM Sri Lanka)',
      source:
        'https://www.iom.int/regional-consultative-process-overseas-employment-and-contractual-labor-countries-origin-asia-colombo-process',
    },
    memberCountReported: {
      text: '12 Member States',
      source:
        'https://www.iom.int/regional-consultative-process-overseas-employement-and-contractual-labour-countries-origin-asia',
    },
  },
  add: {
    source: 'abudhabidialogue.org/members; abudhabidialogue.org.ae about; iom.int/abu-dhabi-dialogue',
  },
  'bali-process': {
    source:
      'https://www.baliprocess.net/coordination-of-the-bali-process/; https://www.iom.int/bali-process-people-smuggling-trafficking-persons-and-related-transnational-crime',
    founding: [
      {
        year: 2002,
        text: '2002 (February 2002 Regional Ministerial Conference, Bali)',
        source:
          'https://www.iom.int/bali-process-people-smuggling-trafficking-persons-and-related-transnational-crime; https://baliprocessbusiness.org/about',
      },
    ],
    secretariat: {
      text: 'Co-chairs Australia and Indonesia (Ministers for Foreign Affairs); DFAT and the Indonesian Ministry of Foreign Affairs coordinate official meetings; Regional Support Office',
      source: 'https://www.baliprocess.net/coordination-of-the-bali-process/',
    },
    memberCountReported: {
      text: '45 member countries and 4 UN agencies (IOM, UNHCR, UNODC, ILO)',
      source: 'https://baliprocessbusiness.org/about',
    },
    membersNotCompiled:
      'the membership page of baliprocess.net could not be retrieved; no primary list of the 45 member countries was found, only their number',
  },
  rcm: {
    source: 'portal.crmsv.org/en/about-us; rcmvs.org; iom.int/puebla-process',
    secretariat: {
      text: 'Technical Secretariat, San José, Costa Rica (IOM support)',
      source: 'RCM 15-year publication (docslib copy)',
      unverifiedReason:
        'the location is given by the RCM 15-year publication, found only as a document-mirror copy (docslib)',
    },
  },
  'rabat-process': {
    source: 'https://www.rabat-process.org/en/about; https://www.rabat-process.org/en/about/partners',
    founding: [
      {
        year: 2006,
        text: '2006 (July 2006 Rabat ministerial conference)',
        source: 'https://www.rabat-process.org/en/about',
      },
    ],
    secretariat: {
      text: 'ICMPD (EU-funded support project; earlier with FIIAPP)',
      source: 'fiiapp.org/?p=23249; https://www.rabat-process.org/en/about/our-partners',
    },
    memberCountReported: {
      text: '57 partner and observer countries (28 African, 29 European) + European Union + ECOWAS; 4 permanent observer organisations',
      source: 'https://www.rabat-process.org/en/about/partners',
    },
  },
  'khartoum-process': {
    source:
      'https://www.khartoumprocess.net/about/actors-and-governance; https://www.iom.int/eu-horn-africa-migration-route-initiative-khartoum-process',
    founding: [
      {
        year: 2014,
        text: '2014 (Rome Declaration, 28 Nov 2014)',
        source:
          'https://www.khartoumprocess.net/news/10-years-of-the-khartoum-process; esteri.it/en/sala_stampa/archivionotizie/approfondimenti/2014/11/20141125_conf_migrazioni-3/',
      },
    ],
    secretariat: {
      text: 'Secretariat jointly managed by the African Union Commission and the European Commission, with technical and logistical assistance from ICMPD; Steering Committee',
      source: 'https://www.khartoumprocess.net/about/actors-and-governance',
    },
    memberCountReported: {
      text: '37 Rome Declaration signatories, later joined by Libya, Norway, Switzerland and Uganda',
      source: 'https://www.khartoumprocess.net/about/actors-and-governance',
    },
  },
};

/** A member list taken from a primary page, for a process whose compilation has none. */
export interface MemberList {
  source: string;
  asOf: string;
  members: { name: string; kind: 'member' | 'observer'; role: string }[];
}

const PRAGUE_STATES = [
  'Albania',
  'Armenia',
  'Austria',
  'Azerbaijan',
  'Belarus',
  'Belgium',
  'Bosnia and Herzegovina',
  'Bulgaria',
  'Croatia',
  'Cyprus',
  'Czechia',
  'Denmark',
  'Estonia',
  'Finland',
  'France',
  'Georgia',
  'Germany',
  'Greece',
  'Hungary',
  'Ireland',
  'Italy',
  'Kazakhstan',
  'Kosovo',
  'Kyrgyzstan',
  'Latvia',
  'Liechtenstein',
  'Lithuania',
  'Luxembourg',
  'North Macedonia',
  'Malta',
  'Montenegro',
  'Netherlands',
  'Norway',
  'Poland',
  'Portugal',
  'Republic of Moldova',
  'Romania',
  'Russian Federation',
  'Serbia',
  'Slovakia',
  'Slovenia',
  'Spain',
  'Sweden',
  'Switzerland',
  'Tajikistan',
  'Turkey',
  'Turkmenistan',
  'Ukraine',
  'Uzbekistan',
];

const rabatMember = (name: string) => ({ name, kind: 'member' as const, role: 'partner country' });
export const MEMBER_LISTS: Record<string, MemberList> = {
  // The page says 50 States and names 49.
  'prague-process': {
    source: 'https://www.pragueprocess.eu/en/about/states-partners',
    asOf: '2018 (participants as of 2018; page names 49 of the 50)',
    members: PRAGUE_STATES.map((name) => ({ name, kind: 'member' as const, role: 'participating State' })),
  },
  'rabat-process': {
    source: 'https://www.rabat-process.org/en/about/partners',
    asOf: `current page (${CONSULTED})`,
    members: [
      ...[
        'Benin',
        'Burkina Faso',
        'Cameroon',
        'Cabo Verde',
        'Chad',
        'Congo',
        "Côte d'Ivoire",
        'Gabon',
        'Gambia',
        'Ghana',
        'Guinea',
        'Equatorial Guinea',
        'Guinea-Bissau',
        'Liberia',
        'Mali',
        'Morocco',
        'Mauritania',
        'Niger',
        'Nigeria',
        'Central African Republic',
        'Democratic Republic of the Congo',
        'Senegal',
        'Sao Tome and Principe',
        'Sierra Leone',
        'Togo',
        'Tunisia',
      ].map(rabatMember),
      { name: 'Algeria', kind: 'observer', role: 'observer country' },
      { name: 'Libya', kind: 'observer', role: 'observer country' },
      ...[
        'Austria',
        'Belgium',
        'Bulgaria',
        'Croatia',
        'Cyprus',
        'Czechia',
        'Denmark',
        'Estonia',
        'Finland',
        'France',
        'Germany',
        'Greece',
        'Hungary',
        'Ireland',
        'Italy',
        'Latvia',
        'Lithuania',
        'Luxembourg',
        'Malta',
        'Netherlands',
        'Norway',
        'Poland',
        'Portugal',
        'Romania',
        'Slovakia',
        'Slovenia',
        'Spain',
        'Sweden',
        'Switzerland',
      ].map(rabatMember),
    ],
  },
};

/** Corrections of the compilation's membership records of a process: a primary source, or the reason there is none. */
export interface MembershipCorrection {
  /** Which records (by role text); all of the process's records when absent. */
  role?: RegExp;
  source?: string;
  unverifiedReason?: string;
}

export const MEMBERSHIP_CORRECTIONS: Record<string, MembershipCorrection[]> = {
  'khartoum-process': [{ source: 'https://www.khartoumprocess.net/about/actors-and-governance' }],
  'colombo-process': [
    {
      role: /^member$/,
      source:
        'https://www.iom.int/regional-consultative-process-overseas-employement-and-contractual-labour-countries-origin-asia (Member States, 12 States); iom.int/news/colombo-process-website-launched',
    },
    {
      role: /destination/,
      unverifiedReason:
        'named as destination-country observers only by a newspaper (tribuneindia.com); IOM names the same eight as having taken part in consultations, not as observers',
    },
  ],
  'budapest-process': [{ unverifiedReason: BUDAPEST_MIRROR }],
  midcas: [{ unverifiedReason: 'only a document-mirror copy (docsbay.net) of a draft IOM page lists the members' }],
  midwa: [
    {
      unverifiedReason:
        "IOM's page lists 15 participating States but the compilation took the names from ECOWAS membership; Burkina Faso, Mali and Niger left ECOWAS in 2024-25",
    },
  ],
};

/** Corrections of the Global Meetings of Chairs and Secretariats of RCPs, by meeting id. */
export const MEETING_CORRECTIONS: Record<string, { source?: string; unverifiedReason?: string }> = {
  'grcp-2': {
    unverifiedReason:
      'date and place come only from slides copied on a document-mirror site (docplayer.net); no IOM page was found',
  },
};
