// Seeded combinations of the ways national platforms write 10.7.2 tables (language, label style,
// numbering, layout, periods, total or not, metadata columns, placeholders, delimiter), each read back
// to the observations it was written from. The corpus holds hand-written files; this covers their mixes.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random.ts';
import { readObservations } from './read-observations.ts';

interface Language {
  year: string;
  domain: string;
  value: string;
  /** The word before a domain number. */
  numbered: string;
  /** Total, then domains 1 to 6. */
  names: readonly string[];
}

const LANGUAGES: Record<string, Language> = {
  en: {
    year: 'Year',
    domain: 'Policy domain',
    value: 'Value',
    numbered: 'Domain',
    names: [
      'All domains',
      'Migrant rights',
      'Whole-of-government/ Evidence-based policies',
      'Cooperation and partnerships',
      'Socioeconomic well-being',
      'Mobility dimensions of crises',
      'Safe, orderly and regular migration',
    ],
  },
  fr: {
    year: 'Année',
    domain: 'Domaine de politique migratoire',
    value: 'Valeur',
    numbered: 'Domaine',
    names: [
      'Ensemble des domaines',
      'Droits des migrants',
      'Approche pangouvernementale / politiques fondées sur des données probantes',
      'Coopération et partenariats',
      'Bien-être socioéconomique',
      'Dimensions de mobilité des crises',
      'Migration sûre, ordonnée et régulière',
    ],
  },
  es: {
    year: 'Año',
    domain: 'Ámbito de política',
    value: 'Valor',
    numbered: 'Dominio',
    names: [
      'Todos los dominios',
      'Derechos de los migrantes',
      'Enfoque pangubernamental / políticas basadas en datos empíricos',
      'Cooperación y asociaciones',
      'Bienestar socioeconómico',
      'Dimensiones de movilidad de las crisis',
      'Migración segura, ordenada y regular',
    ],
  },
  pt: {
    year: 'Ano',
    domain: 'Domínio',
    value: 'Valor',
    numbered: 'Domínio',
    names: [
      'Todos os domínios',
      'Direitos dos migrantes',
      'Abordagem governamental integrada / políticas baseadas em evidências',
      'Cooperação e parcerias',
      'Bem-estar socioeconómico',
      'Dimensões de mobilidade das crises',
      'Migração segura, ordenada e regular',
    ],
  },
  ru: {
    year: 'Год',
    domain: 'Сфера политики',
    value: 'Значение',
    numbered: 'Домен',
    names: [
      'Все сферы',
      'Права мигрантов',
      'Общегосударственный подход / политика, основанная на фактических данных',
      'Сотрудничество и партнерство',
      'Социально-экономическое благополучие',
      'Аспекты мобильности в условиях кризисов',
      'Безопасная, упорядоченная и легальная миграция',
    ],
  },
  ar: {
    year: 'السنة',
    domain: 'المجال',
    value: 'القيمة',
    numbered: 'المجال',
    names: [
      'جميع المجالات',
      'حقوق المهاجرين',
      'نهج الحكومة ككل / السياسات القائمة على الأدلة',
      'التعاون والشراكات',
      'الرفاه الاجتماعي والاقتصادي',
      'أبعاد التنقل في حالات الأزمات',
      'الهجرة الآمنة والمنظمة والنظامية',
    ],
  },
  hr: {
    year: 'Godina',
    domain: 'Područje politike',
    value: 'Vrijednost',
    numbered: 'Područje',
    names: [
      'Ukupno',
      'Prava migranata',
      'Politike na svim razinama uprave / Provjerene politike',
      'Suradnja i partnerstvo',
      'Socioekonomsko blagostanje',
      'Opseg mobilnosti u kriznim situacijama',
      'Sigurne, uredne i zakonite migracije',
    ],
  },
  de: {
    year: 'Jahr',
    domain: 'Politikbereich',
    value: 'Wert',
    numbered: 'Bereich',
    names: [
      'Insgesamt',
      'Rechte von Migranten',
      'Gesamtstaatlicher Ansatz / evidenzbasierte Politik',
      'Zusammenarbeit und Partnerschaften',
      'Sozioökonomisches Wohlergehen',
      'Mobilitätsdimensionen von Krisen',
      'Sichere, geordnete und reguläre Migration',
    ],
  },
  ro: {
    year: 'Anul',
    domain: 'Domeniul de politică',
    value: 'Valoare',
    numbered: 'Domeniul',
    names: [
      'Toate domeniile',
      'Drepturile migranților',
      'Abordarea la nivelul întregului guvern / politici bazate pe dovezi',
      'Cooperare și parteneriate',
      'Bunăstarea socioeconomică',
      'Dimensiunile mobilității în situații de criză',
      'Migrație sigură, ordonată și regulată',
    ],
  },
  tr: {
    year: 'Yıl',
    domain: 'Politika alanı',
    value: 'Değer',
    numbered: 'Alan',
    names: [
      'Toplam',
      'Göçmen hakları',
      'Hükümetin bütünü yaklaşımı / kanıta dayalı politikalar',
      'İşbirliği ve ortaklıklar',
      'Sosyoekonomik refah',
      'Krizlerin hareketlilik boyutları',
      'Güvenli, düzenli ve yasal göç',
    ],
  },
  id: {
    year: 'Tahun',
    domain: 'Bidang kebijakan',
    value: 'Nilai',
    numbered: 'Bidang',
    names: [
      'Semua bidang',
      'Hak-hak migran',
      'Pendekatan seluruh pemerintah / kebijakan berbasis bukti',
      'Kerja sama dan kemitraan',
      'Kesejahteraan sosial ekonomi',
      'Dimensi mobilitas dalam krisis',
      'Migrasi yang aman, tertib, dan teratur',
    ],
  },
  sv: {
    year: 'År',
    domain: 'Politikområde',
    value: 'Värde',
    numbered: 'Område',
    names: [
      'Totalt',
      'Migranters rättigheter',
      'Hela regeringens ansats / evidensbaserad politik',
      'Samarbete och partnerskap',
      'Socioekonomiskt välbefinnande',
      'Mobilitetsdimensioner av kriser',
      'Säker, ordnad och reguljär migration',
    ],
  },
  fi: {
    year: 'Vuosi',
    domain: 'Politiikan alue',
    value: 'Arvo',
    numbered: 'Alue',
    names: [
      'Yhteensä',
      'Maahanmuuttajien oikeudet',
      'Koko hallinnon lähestymistapa / näyttöön perustuva politiikka',
      'Yhteistyö ja kumppanuudet',
      'Sosioekonominen hyvinvointi',
      'Kriisien liikkuvuusulottuvuudet',
      'Turvallinen, hallittu ja säännönmukainen muuttoliike',
    ],
  },
  cs: {
    year: 'Rok',
    domain: 'Oblast politiky',
    value: 'Hodnota',
    numbered: 'Oblast',
    names: [
      'Celkem',
      'Práva migrantů',
      'Celovládní přístup / politiky založené na důkazech',
      'Spolupráce a partnerství',
      'Socioekonomický blahobyt',
      'Dimenze mobility v krizích',
      'Bezpečná, spořádaná a legální migrace',
    ],
  },
  sq: {
    year: 'Viti',
    domain: 'Fusha e politikës',
    value: 'Vlera',
    numbered: 'Fusha',
    names: [
      'Të gjitha fushat',
      'Të drejtat e migrantëve',
      'Qasja e gjithë qeverisë / politika të bazuara në prova',
      'Bashkëpunimi dhe partneritetet',
      'Mirëqenia socio-ekonomike',
      'Dimensionet e lëvizshmërisë në kriza',
      'Migrim i sigurt, i rregullt dhe i ligjshëm',
    ],
  },
  it: {
    year: 'Anno',
    domain: 'Ambito',
    value: 'Valore',
    numbered: 'Dominio',
    names: [
      'Totale',
      'Diritti dei migranti',
      "Approccio dell'intero governo / politiche basate su evidenze",
      'Cooperazione e partenariati',
      'Benessere socioeconomico',
      'Dimensioni della mobilità nelle crisi',
      'Migrazione sicura, ordinata e regolare',
    ],
  },
};

const DOMAINS = ['ALLDOMAINS', 'DOMAIN1', 'DOMAIN2', 'DOMAIN3', 'DOMAIN4', 'DOMAIN5', 'DOMAIN6'] as const;
/** How a domain label is numbered. */
const STYLES = [
  (_: Language, n: number, name: string) => name,
  (l: Language, n: number, name: string) => `${l.numbered} ${n}. ${name}`,
  (_: Language, n: number, name: string) => `(${n}) ${name}`,
  (_: Language, n: number, name: string) => `${n}. ${name}`,
  (_: Language, n: number, name: string) => `${n} - ${name}`,
  (l: Language, n: number, name: string) => `${name} (${l.numbered} ${n})`,
];
/** How the year of a round is written. */
const PERIODS = [
  (y: number) => String(y),
  (y: number) => `${y - 1}/${y}`,
  (y: number) => `${y - 1}-${y}`,
  (y: number) => `${y - 1}/${String(y).slice(2)}`,
];
const PLACEHOLDERS = ['', '..', '.', '-', 'n/a', 'NA', '…'];
/** The indicator's titles over the years, as a series column holds them. */
const TITLES = [
  'Number of countries that have implemented well-managed migration policies',
  'Number of countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people',
  'Proportion of countries with migration policies that facilitate orderly, safe, regular and responsible migration and mobility of people',
  'Countries with migration policies to facilitate orderly, safe, regular and responsible migration and mobility of people, by policy domain (1 = Requires further progress; 2 = Partially meets; 3 = Meets; 4 = Fully meets)',
  'SG_CPA_MIGRS',
];

const quote = (cell: string, delimiter: string) =>
  cell.includes(delimiter) || cell.includes('"') || cell.includes(',') ? `"${cell.replace(/"/g, '""')}"` : cell;

interface Variant {
  description: string;
  text: string;
  expected: string[];
  skipped: number;
}

function variant(seed: number): Variant {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const code = pick(Object.keys(LANGUAGES));
  const language = LANGUAGES[code] as Language;
  const style = pick(STYLES);
  const period = pick(PERIODS);
  const wide = next() < 0.35;
  const withTotal = next() < 0.7;
  const emptyTotal = !wide && withTotal && next() < 0.4;
  const delimiter = next() < 0.25 ? ';' : ',';
  const metadata = next() < 0.4;
  const placeholder = next() < 0.5 ? pick(PLACEHOLDERS) : undefined;
  // Headers that say nothing ("Field 1"…): the columns are then known by their values alone.
  const anonymous = !wide && next() < 0.25;
  const titled = !wide && next() < 0.3 ? pick(TITLES) : undefined;
  const years = pick([[2019], [2021], [2019, 2021]]);
  const domains = DOMAINS.map((domain, index) => ({ domain, index })).filter(({ index }) => index > 0 || withTotal);
  const label = (index: number) =>
    index === 0
      ? emptyTotal
        ? ''
        : (language.names[0] as string)
      : style(language, index, language.names[index] as string);
  const value = (year: number, index: number) => 1 + ((year + index * 7 + seed) % 4);
  const expected: string[] = [];
  const rows: string[][] = [];
  let skipped = 0;
  let header: string[];
  if (wide) {
    header = [language.year, ...domains.map(({ index }) => label(index))];
    for (const year of years) {
      rows.push([period(year), ...domains.map(({ index }) => String(value(year, index)))]);
      for (const { domain, index } of domains) expected.push(`${year} ${domain} ${value(year, index)}`);
    }
    if (placeholder !== undefined) {
      rows.push([period(2023), ...domains.map(() => placeholder)]);
      skipped += domains.length;
    }
  } else {
    header = [
      ...(anonymous ? ['Field 1', 'Field 2', 'Field 3'] : [language.year, language.domain, language.value]),
      ...(metadata ? ['UNIT_MEASURE', 'COMMENT_OBS'] : []),
      ...(titled ? ['Series'] : []),
    ];
    const extra = [...(metadata ? ['Category', ''] : []), ...(titled ? [titled] : [])];
    for (const year of years) {
      for (const { domain, index } of domains) {
        rows.push([period(year), label(index), String(value(year, index)), ...extra]);
        expected.push(`${year} ${domain} ${value(year, index)}`);
      }
    }
    if (placeholder !== undefined) {
      rows.push([period(2023), label(1), placeholder, ...extra]);
      skipped += 1;
    }
  }
  // Rows in any order: platforms sort by year, by domain, or not at all.
  if (!wide && next() < 0.5) rows.reverse();
  const text = [header, ...rows]
    .map((cells) => cells.map((cell) => quote(cell, delimiter)).join(delimiter))
    .join(next() < 0.5 ? '\r\n' : '\n');
  return {
    description: `seed ${seed}: ${code}, ${wide ? 'wide' : 'long'}, ${anonymous ? 'anonymous headers, ' : ''}${titled ? 'series by title, ' : ''}${withTotal ? (emptyTotal ? 'empty total' : 'total') : 'no total'}, period ${period(2021)}, ${metadata ? 'metadata, ' : ''}${placeholder === undefined ? 'no placeholder' : `placeholder "${placeholder}"`}, "${delimiter}"`,
    text,
    expected: expected.sort(),
    skipped,
  };
}

describe('seeded national table variants', () => {
  const variants = Array.from({ length: 300 }, (_, index) => variant(1000 + index));

  it('covers every language, layout and numbering style', () => {
    const descriptions = variants.map((entry) => entry.description).join('\n');
    for (const code of Object.keys(LANGUAGES)) expect(descriptions).toContain(`: ${code}, `);
    expect(descriptions).toContain('wide');
    expect(descriptions).toContain('no total');
    expect(descriptions).toContain('empty total');
    expect(descriptions).toContain('anonymous headers');
    expect(descriptions).toContain('series by title');
  });

  it('reads every variant back to the observations it was written from', () => {
    const failures = variants.flatMap(({ description, text, expected, skipped }) => {
      const result = readObservations({ name: 'variant.csv', text }, { area: '4' });
      const got = result.observations
        .map((observation) => `${observation.year} ${observation.domain} ${observation.value}`)
        .sort();
      const ok =
        result.problems.length === 0 &&
        JSON.stringify(got) === JSON.stringify(expected) &&
        result.skipped.length === skipped;
      return ok
        ? []
        : [
            {
              description,
              problems: result.problems.map((problem) => problem.message).slice(0, 3),
              got: got.length,
              expected: expected.length,
              skipped: result.skipped.length,
            },
          ];
    });
    expect(failures).toEqual([]);
  });
});
