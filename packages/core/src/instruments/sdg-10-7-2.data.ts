/**
 * SDG indicator 10.7.2 as data: six domains of five sub-categories (30 items), the Domain 1 three-level
 * answers, the official scoring and the four categories. Source: UN SDG metadata repository, metadata
 * of indicator 10.7.2 (UN DESA Population Division and IOM), and national SDG metadata (Canada,
 * Moldova, Serbia, INE Spain). The sub-category wordings are the best-known subjects, not the official
 * questionnaire text, and are marked `unconfirmed`; a corrected wording is loaded as a new version
 * from a JSON or YAML file (see docs/instruments.md), without code changes.
 */
import type { InstrumentVersion, LocalizedText } from './model.ts';

const UNCONFIRMED_SUBJECT: LocalizedText = {
  en: 'The subject of this sub-category is not confirmed by a public source; this is the likeliest one.',
  fr: "L'objet de cette sous-catégorie n'est confirmé par aucune source publique ; il s'agit du plus probable.",
  es: 'El tema de esta subcategoría no está confirmado por ninguna fuente pública; es el más probable.',
};

const UNKNOWN_SUBJECT: LocalizedText = {
  en: 'The subject of this sub-category is not confirmed by any public source. Load the official wording as a new instrument version.',
  fr: "L'objet de cette sous-catégorie n'est confirmé par aucune source publique. Chargez le libellé officiel comme nouvelle version de l'instrument.",
  es: 'El tema de esta subcategoría no está confirmado por ninguna fuente pública. Cargue la redacción oficial como nueva versión del instrumento.',
};

/** Version 2019: the questionnaire of the 2019 and 2021 rounds, under the 2017 indicator title. */
export const SDG_10_7_2_V2019 = {
  instrument: 'sdg-10-7-2',
  version: '2019',
  kind: 'scored',
  title: {
    en: 'Number of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
    fr: 'Nombre de pays ayant mis en place des politiques migratoires visant à faciliter la migration et la mobilité de façon ordonnée, sûre, régulière et responsable',
    es: 'Número de países con políticas migratorias que facilitan la migración y la movilidad ordenadas, seguras, regulares y responsables de las personas',
  },
  description: {
    en: 'UN Inquiry among Governments on Population and Development, module on international migration policies: six policy domains of five sub-categories each.',
    fr: 'Enquête des Nations Unies auprès des gouvernements sur la population et le développement, module sur les politiques de migration internationale : six domaines de cinq sous-catégories chacun.',
    es: 'Encuesta de las Naciones Unidas a los Gobiernos sobre Población y Desarrollo, módulo sobre políticas de migración internacional: seis dominios de cinco subcategorías cada uno.',
  },
  source: 'UN SDG metadata repository, indicator 10.7.2 (UN DESA Population Division, IOM)',
  validFrom: '2019',
  sdgIndicator: '10.7.2',
  series: { country: 'SG_CPA_MIGRS', aggregate: 'SG_CPA_MIGRP' },
  languages: ['en', 'fr', 'es'],
  scales: {
    'migrant-rights': [
      {
        id: 'yes-regardless',
        label: {
          en: 'Yes, regardless of immigration status',
          fr: 'Oui, quel que soit le statut migratoire',
          es: 'Sí, independientemente de la situación migratoria',
        },
        score: '1',
      },
      {
        id: 'yes-legal-only',
        label: {
          en: 'Yes, only for those with legal immigration status',
          fr: 'Oui, uniquement pour les personnes en situation régulière',
          es: 'Sí, solo para quienes tienen una situación migratoria regular',
        },
        score: '0.5',
      },
      { id: 'no', label: { en: 'No', fr: 'Non', es: 'No' }, score: '0' },
    ],
    'yes-no': [
      { id: 'yes', label: { en: 'Yes', fr: 'Oui', es: 'Sí' }, score: '1' },
      { id: 'no', label: { en: 'No', fr: 'Non', es: 'No' }, score: '0' },
    ],
  },
  domains: [
    {
      id: 'migrant-rights',
      code: 'DOMAIN1',
      sdmxBreakdown: 'PD_1',
      migof: 'P1',
      label: { en: 'Migrant rights', fr: 'Droits des migrants', es: 'Derechos de los migrantes' },
      items: [
        {
          id: '1a',
          text: {
            en: 'Equal access for non-nationals to essential and/or emergency health care',
            fr: "Égalité d'accès des non-ressortissants aux soins de santé essentiels et/ou d'urgence",
            es: 'Igualdad de acceso de los no nacionales a la atención de salud esencial y/o de urgencia',
          },
          wording: 'unconfirmed',
          scale: 'migrant-rights',
        },
        {
          id: '1b',
          text: {
            en: 'Equal access for non-nationals to public education',
            fr: "Égalité d'accès des non-ressortissants à l'enseignement public",
            es: 'Igualdad de acceso de los no nacionales a la educación pública',
          },
          wording: 'unconfirmed',
          scale: 'migrant-rights',
        },
        {
          id: '1c',
          text: {
            en: 'Equal pay for equal work for non-nationals',
            fr: 'Salaire égal pour un travail égal pour les non-ressortissants',
            es: 'Igual remuneración por igual trabajo para los no nacionales',
          },
          wording: 'unconfirmed',
          scale: 'migrant-rights',
        },
        {
          id: '1d',
          text: {
            en: 'Equal access for non-nationals to social security',
            fr: "Égalité d'accès des non-ressortissants à la sécurité sociale",
            es: 'Igualdad de acceso de los no nacionales a la seguridad social',
          },
          wording: 'unconfirmed',
          scale: 'migrant-rights',
        },
        {
          id: '1e',
          text: {
            en: 'Equal access for non-nationals to justice',
            fr: "Égalité d'accès des non-ressortissants à la justice",
            es: 'Igualdad de acceso de los no nacionales a la justicia',
          },
          wording: 'unconfirmed',
          scale: 'migrant-rights',
        },
      ],
    },
    {
      id: 'whole-of-government',
      code: 'DOMAIN2',
      sdmxBreakdown: 'PD_2',
      migof: 'P2',
      label: {
        en: 'Whole-of-government/ Evidence-based policies',
        fr: 'Approche pangouvernementale/ Politiques fondées sur des données probantes',
        es: 'Enfoque gubernamental integral/ Políticas basadas en datos empíricos',
      },
      items: [
        {
          id: '2a',
          text: {
            en: 'A dedicated government entity to implement national migration policy',
            fr: 'Une entité gouvernementale chargée de mettre en œuvre la politique migratoire nationale',
            es: 'Una entidad gubernamental encargada de aplicar la política migratoria nacional',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '2b',
          text: {
            en: 'A national policy or strategy for regular migration pathways, including labour migration',
            fr: "Une politique ou stratégie nationale sur les voies de migration régulière, y compris la migration de main-d'œuvre",
            es: 'Una política o estrategia nacional sobre vías de migración regular, incluida la migración laboral',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '2c',
          text: {
            en: 'A national policy or strategy to promote the inclusion or integration of immigrants',
            fr: "Une politique ou stratégie nationale favorisant l'inclusion ou l'intégration des immigrants",
            es: 'Una política o estrategia nacional para promover la inclusión o integración de los inmigrantes',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '2d',
          text: {
            en: 'A formal mechanism to ensure that migration policy is gender-responsive',
            fr: 'Un mécanisme formel garantissant que la politique migratoire tient compte des questions de genre',
            es: 'Un mecanismo formal para asegurar que la política migratoria tenga en cuenta las cuestiones de género',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '2e',
          text: {
            en: 'A mechanism to ensure that migration policy is informed by appropriately disaggregated data',
            fr: "Un mécanisme garantissant que la politique migratoire s'appuie sur des données convenablement ventilées",
            es: 'Un mecanismo para asegurar que la política migratoria se base en datos debidamente desglosados',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
      ],
    },
    {
      id: 'cooperation-partnerships',
      code: 'DOMAIN3',
      sdmxBreakdown: 'PD_3',
      migof: 'P3',
      label: {
        en: 'Cooperation and partnerships',
        fr: 'Coopération et partenariats',
        es: 'Cooperación y asociaciones',
      },
      items: [
        {
          id: '3a',
          text: {
            en: 'An inter-ministerial coordination mechanism on migration',
            fr: 'Un mécanisme de coordination interministérielle sur les migrations',
            es: 'Un mecanismo de coordinación interministerial sobre migración',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '3b',
          text: {
            en: 'Bilateral agreements on migration, including labour migration',
            fr: "Des accords bilatéraux sur les migrations, y compris la migration de main-d'œuvre",
            es: 'Acuerdos bilaterales sobre migración, incluida la migración laboral',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '3c',
          text: {
            en: 'Regional agreements promoting mobility',
            fr: 'Des accords régionaux favorisant la mobilité',
            es: 'Acuerdos regionales que promueven la movilidad',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '3d',
          text: {
            en: 'Agreements with other countries on return and readmission',
            fr: "Des accords avec d'autres pays sur le retour et la réadmission",
            es: 'Acuerdos con otros países sobre retorno y readmisión',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '3e',
          text: {
            en: 'Formal mechanisms to engage civil society and the private sector in migration policy',
            fr: 'Des mécanismes formels associant la société civile et le secteur privé à la politique migratoire',
            es: 'Mecanismos formales para involucrar a la sociedad civil y al sector privado en la política migratoria',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
      ],
    },
    {
      id: 'socioeconomic-well-being',
      code: 'DOMAIN4',
      sdmxBreakdown: 'PD_4',
      migof: 'O1',
      label: { en: 'Socioeconomic well-being', fr: 'Bien-être socioéconomique', es: 'Bienestar socioeconómico' },
      items: [
        {
          id: '4a',
          text: {
            en: "Measures to match labour demand with migrants' skills",
            fr: "Des mesures pour faire correspondre la demande de main-d'œuvre et les compétences des migrants",
            es: 'Medidas para ajustar la demanda de mano de obra a las competencias de los migrantes',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '4b',
          text: {
            en: 'Measures to promote fair and ethical recruitment of migrant workers',
            fr: 'Des mesures favorisant un recrutement équitable et éthique des travailleurs migrants',
            es: 'Medidas para promover la contratación equitativa y ética de los trabajadores migrantes',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '4c',
          text: {
            en: 'Recognition of skills and qualifications acquired abroad',
            fr: "La reconnaissance des compétences et qualifications acquises à l'étranger",
            es: 'Reconocimiento de las competencias y cualificaciones adquiridas en el extranjero',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '4d',
          text: {
            en: 'Measures to facilitate the flow of remittances or lower their cost',
            fr: 'Des mesures facilitant les envois de fonds ou en réduisant le coût',
            es: 'Medidas para facilitar el envío de remesas o reducir su costo',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '4e',
          text: {
            en: 'Portability of social security entitlements',
            fr: 'La transférabilité des droits à la sécurité sociale',
            es: 'Portabilidad de los derechos de seguridad social',
          },
          wording: 'unconfirmed',
          note: UNCONFIRMED_SUBJECT,
          scale: 'yes-no',
        },
      ],
    },
    {
      id: 'mobility-dimensions-of-crises',
      code: 'DOMAIN5',
      sdmxBreakdown: 'PD_5',
      migof: 'O2',
      label: {
        en: 'Mobility dimensions of crises',
        fr: 'Dimensions des crises liées à la mobilité',
        es: 'Dimensiones de movilidad de las crisis',
      },
      items: [
        {
          id: '5a',
          text: {
            en: 'A system for receiving, processing and identifying people displaced across borders',
            fr: "Un système d'accueil, de traitement et d'identification des personnes déplacées au-delà des frontières",
            es: 'Un sistema para recibir, tramitar e identificar a las personas desplazadas a través de las fronteras',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '5b',
          text: {
            en: 'Contingency plans for large-scale sudden population movements',
            fr: "Des plans d'urgence pour les mouvements soudains et massifs de population",
            es: 'Planes de contingencia para movimientos repentinos y a gran escala de población',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '5c',
          text: {
            en: 'Assistance to nationals abroad in countries in crisis',
            fr: "Une assistance aux ressortissants à l'étranger dans les pays en crise",
            es: 'Asistencia a los nacionales en el extranjero en países en crisis',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '5d',
          text: {
            en: 'A disaster-risk-reduction strategy with provisions on displacement',
            fr: 'Une stratégie de réduction des risques de catastrophe comportant des dispositions sur les déplacements',
            es: 'Una estrategia de reducción del riesgo de desastres con disposiciones sobre el desplazamiento',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '5e',
          text: {
            en: 'Temporary stay or protection for people who cannot return to their country because of a crisis',
            fr: "Un séjour temporaire ou une protection pour les personnes qui ne peuvent rentrer dans leur pays en raison d'une crise",
            es: 'Estancia temporal o protección para las personas que no pueden regresar a su país debido a una crisis',
          },
          wording: 'unconfirmed',
          note: UNCONFIRMED_SUBJECT,
          scale: 'yes-no',
        },
      ],
    },
    {
      id: 'safe-orderly-regular-migration',
      code: 'DOMAIN6',
      sdmxBreakdown: 'PD_6',
      migof: 'O3',
      label: {
        en: 'Safe, orderly and regular migration',
        fr: 'Migration sûre, ordonnée et régulière',
        es: 'Migración segura, ordenada y regular',
      },
      items: [
        {
          id: '6a',
          text: {
            en: 'A system to monitor visa overstays',
            fr: 'Un système de suivi des dépassements de durée de séjour autorisée',
            es: 'Un sistema para supervisar la permanencia más allá del plazo del visado',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '6b',
          text: {
            en: 'Pre-arrival authorization controls',
            fr: "Des contrôles d'autorisation avant l'arrivée",
            es: 'Controles de autorización previos a la llegada',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '6c',
          text: {
            en: 'Measures to combat trafficking in persons',
            fr: 'Des mesures de lutte contre la traite des personnes',
            es: 'Medidas para combatir la trata de personas',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '6d',
          text: {
            en: 'Measures to combat the smuggling of migrants',
            fr: 'Des mesures de lutte contre le trafic illicite de migrants',
            es: 'Medidas para combatir el tráfico ilícito de migrantes',
          },
          wording: 'unconfirmed',
          scale: 'yes-no',
        },
        {
          id: '6e',
          text: {
            en: 'Fifth sub-category of domain 6 (official subject not confirmed)',
            fr: 'Cinquième sous-catégorie du domaine 6 (objet officiel non confirmé)',
            es: 'Quinta subcategoría del dominio 6 (tema oficial no confirmado)',
          },
          wording: 'unconfirmed',
          note: UNKNOWN_SUBJECT,
          scale: 'yes-no',
        },
      ],
    },
  ],
  scoring: {
    scale: '100',
    missing: 'incomplete',
    overall: 'mean-of-items',
    overallCode: 'ALLDOMAINS',
    overallSdmxBreakdown: '_T',
    bands: [
      {
        code: 1,
        label: {
          en: 'Requires further progress',
          fr: 'Nécessite des progrès supplémentaires',
          es: 'Requiere más progresos',
        },
        min: '0',
        meets: false,
      },
      {
        code: 2,
        label: { en: 'Partially meets', fr: 'Satisfait partiellement', es: 'Cumple parcialmente' },
        min: '40',
        meets: false,
      },
      { code: 3, label: { en: 'Meets', fr: 'Satisfait', es: 'Cumple' }, min: '80', meets: true },
      {
        code: 4,
        label: { en: 'Fully meets', fr: 'Satisfait pleinement', es: 'Cumple plenamente' },
        min: '100',
        meets: true,
      },
    ],
  },
} as const satisfies InstrumentVersion;

/** Version 2025: same questionnaire and method; the indicator is retitled "Proportion of countries …" (2025 comprehensive review). */
export const SDG_10_7_2_V2025 = {
  ...SDG_10_7_2_V2019,
  version: '2025',
  validFrom: '2025',
  previousVersion: '2019',
  title: {
    en: 'Proportion of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
    fr: 'Proportion de pays ayant mis en place des politiques migratoires visant à faciliter la migration et la mobilité de façon ordonnée, sûre, régulière et responsable',
    es: 'Proporción de países con políticas migratorias que facilitan la migración y la movilidad ordenadas, seguras, regulares y responsables de las personas',
  },
} as const satisfies InstrumentVersion;
