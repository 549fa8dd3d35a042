/**
 * The words national 10.7.2 files use, in the languages they are published in: what names each policy
 * domain and the total, what marks a cell as "not reported", what names the indicator or a series,
 * and what a column header says about its column. Everything here works on labels already passed
 * through `normaliseLabel` (lower case, no diacritics, punctuation as single spaces).
 */
import type { PolicyDomainCode, SeriesCode } from '../observations/observation.ts';

/** A word stem that must start a word (Latin and Cyrillic scripts). */
const atWordStart = (stems: readonly string[]): string => `(?<![\\p{L}\\p{N}])(?:${stems.join('|')})`;
/** Arabic stems, matched anywhere: Arabic attaches the article and conjunctions to the word. */
const anywhere = (stems: readonly string[]): string => `(?:${stems.join('|')})`;

function pattern(wordStart: readonly string[], inside: readonly string[] = []): RegExp {
  const parts = [atWordStart(wordStart), ...(inside.length > 0 ? [anywhere(inside)] : [])];
  return new RegExp(parts.join('|'), 'u');
}

/** Whole words only (short words such as "ar", "ano" or "rok" would otherwise start other words). */
function words(whole: readonly string[], inside: readonly string[] = []): RegExp {
  const parts = [`${atWordStart(whole)}(?![\\p{L}\\p{N}])`, ...(inside.length > 0 ? [anywhere(inside)] : [])];
  return new RegExp(parts.join('|'), 'u');
}

/**
 * Words that name each domain, in English, French, Spanish, Portuguese, Italian, Romanian, German, Dutch,
 * Swedish, Finnish, Polish, Czech/Slovak, Croatian/Serbian/Bosnian (Latin and Cyrillic), Albanian,
 * Turkish, Indonesian, Russian, Ukrainian, Kazakh, Kyrgyz, Uzbek and Arabic.
 * Labels in other languages are still read by their number ("1. …", "Domain 1"). A label names a
 * domain when it matches that domain's words and no other's. Domain 1 needs both a "rights" word and a
 * "migrant" word, so that "human rights" alone is not taken for it.
 */
const DOMAIN_WORDS: readonly { code: PolicyDomainCode; all: readonly RegExp[] }[] = [
  {
    code: 'DOMAIN1',
    all: [
      pattern(
        [
          'right',
          'droit',
          'derecho',
          'direito',
          'diritt',
          'drept',
          'drejt',
          'prava',
          'pravo',
          'prawa',
          'rechte',
          'recht',
          'rattighet',
          'oikeud',
          'hak',
          'haklar',
          'huquq',
          'права',
          'укук',
          'құқық',
        ],
        ['حقوق', 'rechte', 'rechten', 'rattigheter'],
      ),
      pattern(
        ['migra', 'immigra', 'emigra', 'мигра', 'иммигра', 'мігра', 'мигрант', 'maahanmuutt', 'gocmen'],
        ['مهاجر', 'migranten', 'migrantow'],
      ),
    ],
  },
  {
    code: 'DOMAIN2',
    all: [
      pattern(
        [
          'government',
          'whole of gov',
          'evidence',
          'gouvernement',
          'pangouvernement',
          'probante',
          'factuel',
          'gobierno',
          'gubernament',
          'pangubernament',
          'empiric',
          'evidencia',
          'governo',
          'governament',
          'evidenze',
          'uprav',
          'provjeren',
          'dokaz',
          'vlad',
          'regierung',
          'gesamtstaatlich',
          'evidenz',
          'overheid',
          'rzad',
          'rzadow',
          'dowod',
          'guvern',
          'dovez',
          'qeveri',
          'provave',
          'pemerintah',
          'bukti',
          'hukumet',
          'kanit',
          'vlada',
          'vlady',
          'dukaz',
          'regering',
          'evidensbaser',
          'hallitu',
          'naytto',
          'hukumat',
          'далел',
          'үкімет',
          'өкмөт',
          'правительств',
          'государствен',
          'общегосударствен',
          'фактическ',
          'доказательн',
          'уряд',
          'влад',
          'доказ',
          'провере',
        ],
        ['حكوم', 'ادلة', 'دليل'],
      ),
    ],
  },
  {
    code: 'DOMAIN3',
    all: [
      pattern(
        [
          'cooperation',
          'co operation',
          'partnership',
          'partenariat',
          'cooperacion',
          'asociacion',
          'alianza',
          'cooperacao',
          'parceria',
          'cooperazione',
          'suradnj',
          'saradnj',
          'partnerstv',
          'zusammenarbeit',
          'partnerschaft',
          'kooperation',
          'samenwerking',
          'partnerschap',
          'wspolprac',
          'partnerstw',
          'cooperar',
          'parteneriat',
          'bashkepunim',
          'partneritet',
          'kerja sama',
          'kerjasama',
          'kemitraan',
          'isbirlig',
          'ortaklik',
          'spoluprac',
          'samarbet',
          'partnerskap',
          'yhteistyo',
          'kumppanu',
          'hamkorlik',
          'sheriklik',
          'ынтымақтастық',
          'серіктестік',
          'кызматташтык',
          'өнөктөштүк',
          'сотрудничеств',
          'партнерств',
          'співробітництв',
          'співпрац',
          'сарадњ',
          'партнерств',
        ],
        ['تعاون', 'شراك'],
      ),
    ],
  },
  {
    code: 'DOMAIN4',
    all: [
      pattern(
        [
          'socio ?econom',
          'socioeconom',
          'well ?being',
          'bien etre',
          'bienestar',
          'bem estar',
          'benessere',
          'socioekonom',
          'blagostanj',
          'sozio ?okonom',
          'wohlergehen',
          'wohlbefinden',
          'wohlstand',
          'sociaaleconom',
          'welzijn',
          'spoleczno ekonom',
          'dobrostan',
          'bunastar',
          'mireqen',
          'kesejahteraan',
          'sosial ekonomi',
          'sosioekonom',
          'sosyoekonom',
          'refah',
          'blahobyt',
          'valbefinnande',
          'hyvinvoint',
          'farovonlik',
          'ijtimoiy iqtisodiy',
          'әлеуметтік экономикалық',
          'әл ауқат',
          'социалдык экономикалык',
          'бакубаттуулук',
          'благополуч',
          'социально экономическ',
          'соціально економічн',
          'добробут',
          'социоекономск',
          'благостањ',
        ],
        ['رفاه', 'الاجتماعي والاقتصادي'],
      ),
    ],
  },
  {
    code: 'DOMAIN5',
    all: [
      pattern(
        [
          'cris[ie]s',
          'crise',
          'crisi',
          'criz',
          'kriz',
          'kris',
          'kriis',
          'kryzys',
          'inqiroz',
          'кризис',
          'криз',
          'дағдарыс',
        ],
        ['ازم'],
      ),
    ],
  },
  {
    code: 'DOMAIN6',
    all: [
      pattern(
        [
          'safe',
          'orderly',
          'sure',
          'ordonnee',
          'segura',
          'ordenada',
          'sicura',
          'ordinata',
          'sigurn',
          'uredn',
          'sicher',
          'geordnet',
          'veilig',
          'ordelijk',
          'bezpieczn',
          'uporzadkowan',
          'sigur',
          'ordonat',
          'rregullt',
          'aman',
          'tertib',
          'guvenli',
          'duzenli',
          'bezpecn',
          'bezbedn',
          'saker',
          'ordnad',
          'turvallin',
          'xavfsiz',
          'тартиплүү',
          'қауіпсіз',
          'коопсуз',
          'реттелген',
          'безопасн',
          'упорядоченн',
          'безпечн',
          'упорядкован',
          'безбедн',
          'уредн',
        ],
        ['امنة', 'منظمة'],
      ),
    ],
  },
  {
    code: 'ALLDOMAINS',
    all: [
      new RegExp(
        [
          '^(?:total|totals|overall|aggregate|composite|combined|all|summary|global|gesamt|insgesamt|ukupno|ukupan|sveukupno|totale|complessivo|totaal|totalt|samtliga|jami|барлығы|барлыгы|бардыгы|жалпы|yhteensa|celkem|spolu|toplam|semua|keseluruhan|ogolem|razem|итого|всего|общий|общая|усього|загалом|укупно|المجموع|الاجمالي|اجمالي|المؤشر العام)(?: .*)?$',
          atWordStart([
            'all (?:the )?(?:policy )?domains',
            'all (?:the )?(?:policy )?areas',
            'tous les domaines',
            'ensemble des domaines',
            'todos los (?:dominios|ambitos)',
            'todos os dominios',
            'total de (?:los )?dominios',
            'tutti i (?:domini|settori)',
            'alle (?:politik)?bereiche',
            'sva podrucja',
            'svi podrucj',
            'sve domene',
            'svi domen',
            'alle domeinen',
            'wszystkie (?:obszary|domeny)',
            'toate domeniile',
            'te gjitha fushat',
            'tum alanlar',
            'semua (?:domain|bidang|ranah)',
            'alla (?:omraden|domaner)',
            'kaikki alueet',
            'vsechny oblasti',
            'все (?:области|сферы|домены|направления)',
            'всі (?:сфери|напрями|галузі|домени)',
            'све области',
            'по всем',
            'в целом',
          ]),
          anywhere(['جميع المجالات', 'كل المجالات']),
        ].join('|'),
        'u',
      ),
    ],
  },
];

/** Domains (or the total) whose words a normalised label holds. */
export function domainsNamedBy(normalised: string): PolicyDomainCode[] {
  return DOMAIN_WORDS.filter(({ all }) => all.every((words) => words.test(normalised))).map(({ code }) => code);
}

/** Words that introduce a domain number: "Domain 3", "Domaine 3", "Područje 3", "Домен 3", "مجال 3", "Policy area 3". */
export const DOMAIN_NUMBER_WORDS = [
  'policy domain',
  'policy area',
  'domain',
  'domaine',
  'dominio',
  'domínio',
  'dominios',
  'ambito',
  'area',
  'domena',
  'domen',
  'podrucje',
  'oblast',
  'bereich',
  'politikbereich',
  'dimension',
  'dimensao',
  'pillar',
  'pilier',
  'pilar',
  'stup',
  'домен',
  'сфера',
  'область',
  'направление',
  'напрям',
  'галузь',
  'obszar',
  'domeny',
  'domein',
  'domeniul',
  'domeniu',
  'fusha',
  'bidang',
  'ranah',
  'alan',
  'omrade',
  'alue',
  'сала',
  'тармак',
  'soha',
  'مجال',
  'المجال',
  'pd',
  'd',
] as const;

/**
 * Whether a normalised label names the indicator or one of its series by its title rather than by a
 * domain: "Proportion of countries with migration policies…", "Number of countries that have
 * implemented well-managed migration policies", "Politiques migratoires…", "10.7.2".
 */
export function isIndicatorTitle(normalised: string): boolean {
  return INDICATOR_TITLE.test(normalised);
}

const INDICATOR_TITLE = new RegExp(
  [
    '(?<![\\p{N}])10 7 2(?![\\p{N}])',
    'sg_cpa_migr[sp]',
    'migration polic',
    'well managed migration',
    'migration and mobility of people',
    // "politiques migratoires", "políticas de migración", "politiche migratorie", "polityka migracyjna", "migracijske politike"…
    'politi[a-z]* (?:de |d |di |da |na |za )?(?:la )?migra',
    'migra[a-z]* politi',
    'migrationspolitik',
    'migratiebeleid',
    'миграционн[а-я]* политик',
    'политик[а-я]* (?:в области )?миграц',
    'polity[a-z]* migra',
    'міграці[а-яі]* політик',
    'سياسات الهجرة',
  ].join('|'),
  'u',
);

/**
 * The series a title names, when it says which: a series code, a percentage ("(%)", "percentage",
 * "proportion … (%)") for SG_CPA_MIGRP, the category legend ("1 = Requires further progress") for
 * SG_CPA_MIGRS. Undefined for a title that names the indicator as a whole (its wordings over the
 * years, in the UN's or a country's words), whose series is the file's.
 */
export function seriesNamedByTitle(normalised: string, original: string): SeriesCode | undefined {
  const code = /sg_cpa_migr([sp])/u.exec(normalised);
  if (code) return code[1] === 's' ? 'SG_CPA_MIGRS' : 'SG_CPA_MIGRP';
  if (
    /%/.test(original) ||
    /(?<![\p{L}])(percent|percentage|pourcentage|porcentaje|percentual|postotak|процент|نسبة مئوية)/u.test(normalised)
  )
    return 'SG_CPA_MIGRP';
  if (/1 ?= ?/.test(original) || /requires further progress|partially meets|fully meets/u.test(normalised))
    return 'SG_CPA_MIGRS';
  return undefined;
}

/** Cells that stand for "not reported (yet)": empty, dots, dashes, "n/a", "NA", and words in the languages above. */
const PLACEHOLDER_SYMBOLS = new Set(['', '.', '..', '...', '…', '-', '--', '–', '—', ':', '*', 'x', 'X', '/', '?']);
const PLACEHOLDER_WORDS = new Set([
  'n a',
  'na',
  'n d',
  'nd',
  'nan',
  'null',
  'none',
  'nr',
  'not available',
  'not reported',
  'not yet reported',
  'no data',
  'pending',
  's o',
  's d',
  'sin datos',
  'no disponible',
  'pas de donnees',
  'non disponible',
  'nao disponivel',
  'sem dados',
  'nema podataka',
  'keine daten',
  'нет данных',
  'н д',
  'لا توجد بيانات',
  'غير متوفر',
]);

/** A number with a footnote mark after it ("3*", "3 †", "3 (a)"), as portals flag provisional values: the number. */
export function withoutFootnoteMark(value: string): string {
  return value.replace(/^([+-]?\d+(?:[.,]\d+)?)\s*(?:\*+|[†‡]+|\([a-z]\)|\[[a-z0-9]\])$/u, '$1');
}

/** A skipped cell, reported with its row. */
export type SkipEntry = { row: number; column?: string; value?: string; message: string };

/** The report of a value cell skipped as a placeholder. */
export function skippedValue(row: number, column: string | undefined, raw: string): SkipEntry {
  return {
    row,
    column,
    value: raw,
    message: raw === '' ? 'skipped: no value (not reported)' : `skipped: "${raw}" marks a value not reported`,
  };
}

/** Whether a value cell holds a placeholder instead of a value. `N` (not applicable) is a value, not a placeholder. */
export function isPlaceholder(value: string, normalise: (label: string) => string): boolean {
  const trimmed = value.trim();
  if (PLACEHOLDER_SYMBOLS.has(trimmed)) return true;
  // Numbers and N (not applicable) are values; only words need normalising.
  if (trimmed === 'N' || /^[\d+-]/.test(trimmed)) return false;
  return PLACEHOLDER_WORDS.has(normalise(trimmed));
}

/** What a header says its column holds, besides the roles of a label mapping. */
export type HeaderHint =
  | 'YEAR'
  | 'VALUE'
  | 'AREA'
  | 'AREA_NAME'
  | 'POLICY_DOMAINS'
  | 'SERIES'
  | 'INDICATOR'
  | 'SOURCE'
  | 'FOOTNOTE'
  | 'NATURE'
  | 'TIME_DETAIL'
  | 'UNITS'
  | 'METADATA';

/** Header words by hint, tried in this order (the first hint whose words a header holds wins). */
const HEADER_WORDS: readonly [HeaderHint, RegExp][] = [
  ['TIME_DETAIL', /^(?:time ?detail|time_detail)$/u],
  [
    'FOOTNOTE',
    pattern(
      [
        'comment',
        'footnote',
        'foot note',
        'note',
        'notes',
        'remark',
        'observaciones',
        'observacoes',
        'remarque',
        'commentaire',
        'nota',
        'notas',
        'napomen',
        'biljesk',
        'anmerkung',
        'fussnote',
        'hinweis',
        'bemerkung',
        'примечани',
        'комментари',
        'сноска',
      ],
      ['ملاحظ', 'تعليق', 'حاشية'],
    ),
  ],
  [
    'SOURCE',
    pattern(
      ['source', 'sources', 'fuente', 'fonte', 'fonti', 'izvor', 'quelle', 'источник', 'data provider', 'provider'],
      ['المصدر', 'مصدر'],
    ),
  ],
  ['NATURE', /^(?:nature|naturaleza|natureza|priroda|natur|характер|طبيعة)(?: .*)?$/u],
  [
    'UNITS',
    pattern(
      ['unit', 'units', 'unit_measure', 'unidad', 'unidade', 'unite', 'unita', 'jedinic', 'einheit', 'mjern', 'единиц'],
      ['الوحدة', 'وحدة'],
    ),
  ],
  [
    'METADATA',
    pattern(
      [
        'obs_status',
        'observation status',
        'status',
        'statut',
        'estado',
        'flag',
        'reporting type',
        'reporting_type',
        'type of report',
        'unit_mult',
        'unit mult',
        'multiplier',
        'freq',
        'frequency',
        'goal',
        'target',
        'sdg goal',
        'sdg target',
        'last update',
        'updated',
        'date of',
        'value type',
        'valuetype',
        'lower bound',
        'upper bound',
        'base period',
        'time coverage',
        'geoinfo',
        'cible',
        'objectif',
        'meta',
        'cilj',
        'ziel',
        'цель',
        'задача',
      ],
      ['الهدف', 'الغاية'],
    ),
  ],
  [
    'AREA',
    /^(?:geo ?code|geo ?area ?code|geoareacode|geo_area|ref_area|ref area|reference area code|m49|m49 code|iso|iso ?3|iso_?3|iso ?code|iso alpha ?3|iso3166|iso 3166.*|alpha ?3|country ?code|countrycode|code iso|code iso ?3|codigo iso|country iso.*|country_code|area ?code|areacode|code pays|code du pays|codigo(?: del?)? pais|codigo do pais|kod (?:zemlje|drzave)|landercode|landcode|код страны|رمز البلد|رمز الدولة|location code|economy code|geography code)$/u,
  ],
  [
    'AREA_NAME',
    /^(?:country|countries|country name|country or area|country area|geoareaname|geo area name|area name|ref area name|pays|nom du pays|pais|nombre del pais|land|staat|drzava|zemlja|страна|البلد|الدولة|entity|economy|location|territory|reporting country|reference area)$/u,
  ],
  [
    'SERIES',
    /^(?:series|series code|seriescode|series_code|sdg series|serie|series description|seriesdescription|serija|reihe|серия|السلسلة)(?: .*)?$/u,
  ],
  ['INDICATOR', /^(?:indicator|indicateur|indicador|indicatore|pokazatelj|indikator|показатель|المؤشر)(?: .*)?$/u],
  [
    'YEAR',
    words(
      [
        'year',
        'years',
        'reporting year',
        'annee',
        'ano',
        'anos',
        'anno',
        'jahr',
        'jaar',
        'godina',
        'rok',
        'vuosi',
        'ar',
        'jaar',
        'anul',
        'viti',
        'tahun',
        'yil',
        'yıl',
        'год',
        'година',
        'рік',
        'жыл',
        'period',
        'periode',
        'periodo',
        'razdoblje',
        'zeitraum',
        'период',
        'timeperiod',
        'time period',
        'time_period',
        'round',
        'ronda',
        'cycle',
        'ciclo',
        'runda',
        'krug',
        'erhebungsrunde',
        'раунд',
        'цикл',
      ],
      ['السنة', 'العام', 'الفترة', 'الجولة'],
    ),
  ],
  [
    'POLICY_DOMAINS',
    pattern(
      [
        'domain',
        'domaine',
        'dominio',
        'ambito',
        'policy area',
        'policy areas',
        'area de politica',
        'area of policy',
        'podrucj',
        'domen',
        'bereich',
        'politikbereich',
        'handlungsfeld',
        'dimension',
        'dimensao',
        'pillar',
        'pilier',
        'pilar',
        'composite breakdown',
        'composite_breakdown',
        'policy_domain',
        'obszar',
        'domein',
        'beleidsterrein',
        'domeniu',
        'fush',
        'bidang',
        'ranah',
        'politika alan',
        'omrade',
        'politikomrade',
        'alue',
        'сала',
        'тармак',
        'soha',
        'сфер',
        'област',
        'домен',
        'направлени',
        'напрям',
        'галуз',
      ],
      ['مجال', 'المجال', 'المجالات'],
    ),
  ],
  [
    'VALUE',
    pattern(
      [
        'value',
        'obs_value',
        'obs value',
        'valeur',
        'valor',
        'valore',
        'wert',
        'waarde',
        'vrijednost',
        'vrednost',
        'wartosc',
        'arvo',
        'score',
        'category',
        'categorie',
        'categoria',
        'kategorij',
        'kategorie',
        'rating',
        'puntuacion',
        'pontuacao',
        'level',
        'niveau',
        'nivel',
        'razina',
        'result',
        'resultat',
        'resultado',
        'valoare',
        'vlera',
        'nilai',
        'deger',
        'hodnota',
        'varde',
        'qiymat',
        'мән',
        'маани',
        'значени',
        'значенн',
        'вредност',
        'категори',
        'уровень',
        'оценка',
        'оцінка',
      ],
      ['القيمة', 'قيمة', 'الفئة', 'الدرجة'],
    ),
  ],
];

/** What a header's words say its column may hold, most specific first (the values then decide). */
export function headerHints(normalised: string): HeaderHint[] {
  return HEADER_WORDS.filter(([, words]) => words.test(normalised)).map(([hint]) => hint);
}

/**
 * The category a value cell names in words instead of its number (1 = Requires further progress,
 * 2 = Partially meets, 3 = Meets, 4 = Fully meets), in the languages above; a leading number that
 * agrees with the words ("3 - Meets") is allowed. Undefined when the words name no category or
 * contradict the number.
 */
export function categoryNamedBy(normalised: string): 1 | 2 | 3 | 4 | undefined {
  const leading = /^([1-4])(?: (.*))?$/u.exec(normalised);
  const words = leading ? (leading[2] ?? '') : normalised;
  const named = CATEGORY_WORDS.find(([, pattern]) => pattern.test(words))?.[0];
  if (leading) return words === '' ? undefined : named === Number(leading[1]) ? named : undefined;
  return named;
}

/** Category words, most specific first ("fully meets" and "partially meets" before "meets"). */
const CATEGORY_WORDS: readonly [1 | 2 | 3 | 4, RegExp][] = [
  [
    1,
    /^(?:requires? further progress|further progress (?:is )?(?:required|needed)|necessite (?:des|de nouveaux) progres.*|requiere (?:mayores|mas|nuevos) (?:avances|progresos)|requer (?:mais )?progresso.*|richiede ulteriori progressi|erfordert weitere fortschritte|potreban (?:je )?daljnji napredak|требуется дальнеишии прогресс|требует дальнеишего прогресса|потребує подальшого прогресу|يتطلب مزيدا من التقدم)$/u,
  ],
  [
    2,
    /^(?:partially meets|partly meets|repond partiellement|satisfait partiellement|cumple parcialmente|atende parcialmente|cumpre parcialmente|soddisfa parzialmente|teilweise erfullt|djelomicno ispunjava|djelomicno zadovoljava|частично соответствует|частково відповідає|يفي جزئيا)$/u,
  ],
  [
    4,
    /^(?:fully meets|repond pleinement|repond entierement|satisfait pleinement|cumple plenamente|cumple totalmente|atende plenamente|cumpre plenamente|soddisfa pienamente|vollstandig erfullt|u potpunosti ispunjava|potpuno ispunjava|полностью соответствует|повністю відповідає|يفي تماما|يفي بالكامل)$/u,
  ],
  [
    3,
    /^(?:meets|repond|satisfait|cumple|atende|cumpre|soddisfa|erfullt|ispunjava|zadovoljava|соответствует|відповідає|يفي)$/u,
  ],
];
