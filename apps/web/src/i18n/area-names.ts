/**
 * Names of the areas that CLDR does not name (so `Intl.DisplayNames` cannot), or names otherwise
 * than the UN, in the five languages besides English: the SDG regional groupings, the development
 * groups and regions, three M49 areas, and map shapes that have no M49 area of their own.
 *
 * These are the product's own translations, not official UN names: no multilingual list of these
 * names ships with the published data migov is built from. They follow the wording of the UN's
 * documents in each language as closely as the maintainers could; an official list, when one is
 * compiled, replaces them.
 */
import type { UiLanguage } from './languages.ts';

type OtherLanguage = Exclude<UiLanguage, 'en'>;

/** By M49 code (unpadded, as migov stores it). */
export const AREA_NAMES_NOT_IN_CLDR: Readonly<Record<string, Readonly<Record<OtherLanguage, string>>>> = {
  // CLDR names 053 "Australasia" and 419 "Latin America": the UN's regions are named in full.
  '53': {
    fr: 'Australie et Nouvelle-Zélande',
    es: 'Australia y Nueva Zelandia',
    ar: 'أستراليا ونيوزيلندا',
    zh: '澳大利亚和新西兰',
    ru: 'Австралия и Новая Зеландия',
  },
  '419': {
    fr: 'Amérique latine et Caraïbes',
    es: 'América Latina y el Caribe',
    ar: 'أمريكا اللاتينية ومنطقة البحر الكاريبي',
    zh: '拉丁美洲和加勒比',
    ru: 'Латинская Америка и Карибский бассейн',
  },
  '747': {
    fr: 'Afrique du Nord et Asie occidentale',
    es: 'África Septentrional y Asia Occidental',
    ar: 'شمال أفريقيا وغرب آسيا',
    zh: '北非和西亚',
    ru: 'Северная Африка и Западная Азия',
  },
  '62': {
    fr: 'Asie centrale et Asie du Sud',
    es: 'Asia Central y Meridional',
    ar: 'آسيا الوسطى والجنوبية',
    zh: '中亚和南亚',
    ru: 'Центральная и Южная Азия',
  },
  '753': {
    fr: 'Asie de l’Est et du Sud-Est',
    es: 'Asia Oriental y Sudoriental',
    ar: 'شرق آسيا وجنوب شرقها',
    zh: '东亚和东南亚',
    ru: 'Восточная и Юго-Восточная Азия',
  },
  '513': {
    fr: 'Europe et Amérique du Nord',
    es: 'Europa y América del Norte',
    ar: 'أوروبا وأمريكا الشمالية',
    zh: '欧洲和北美',
    ru: 'Европа и Северная Америка',
  },
  '543': {
    fr: 'Océanie (hors Australie et Nouvelle-Zélande)',
    es: 'Oceanía (excepto Australia y Nueva Zelandia)',
    ar: 'أوقيانوسيا (باستثناء أستراليا ونيوزيلندا)',
    zh: '大洋洲(不含澳大利亚和新西兰)',
    ru: 'Океания (кроме Австралии и Новой Зеландии)',
  },
  '199': {
    fr: 'Pays les moins avancés (PMA)',
    es: 'Países menos adelantados (PMA)',
    ar: 'أقل البلدان نموًا',
    zh: '最不发达国家',
    ru: 'Наименее развитые страны (НРС)',
  },
  '432': {
    fr: 'Pays en développement sans littoral (PDSL)',
    es: 'Países en desarrollo sin litoral (PDSL)',
    ar: 'البلدان النامية غير الساحلية',
    zh: '内陆发展中国家',
    ru: 'Развивающиеся страны, не имеющие выхода к морю (РСНВМ)',
  },
  '722': {
    fr: 'Petits États insulaires en développement (PEID)',
    es: 'Pequeños Estados insulares en desarrollo (PEID)',
    ar: 'الدول الجزرية الصغيرة النامية',
    zh: '小岛屿发展中国家',
    ru: 'Малые островные развивающиеся государства (МОРГ)',
  },
  '514': {
    fr: 'Régions développées (Europe, Chypre, Israël, Amérique du Nord, Japon, Australie et Nouvelle-Zélande)',
    es: 'Regiones desarrolladas (Europa, Chipre, Israel, América del Norte, Japón, Australia y Nueva Zelandia)',
    ar: 'المناطق المتقدمة النمو (أوروبا وقبرص وإسرائيل وأمريكا الشمالية واليابان وأستراليا ونيوزيلندا)',
    zh: '发达区域(欧洲、塞浦路斯、以色列、北美、日本、澳大利亚和新西兰)',
    ru: 'Развитые регионы (Европа, Кипр, Израиль, Северная Америка, Япония, Австралия и Новая Зеландия)',
  },
  '515': {
    fr: 'Régions en développement',
    es: 'Regiones en desarrollo',
    ar: 'المناطق النامية',
    zh: '发展中区域',
    ru: 'Развивающиеся регионы',
  },
  '830': {
    fr: 'Îles Anglo-Normandes',
    es: 'Islas del Canal',
    ar: 'جزر القنال',
    zh: '海峡群岛',
    ru: 'Нормандские острова',
  },
  '680': { fr: 'Sercq', es: 'Sark', ar: 'سارك', zh: '萨克岛', ru: 'Сарк' },
};

/** Map shapes (by the atlas's English name) with no M49 area of their own: a CLDR region code where CLDR has one, else our own names. */
export const MAP_SHAPE_NAMES: Readonly<Record<string, string | Readonly<Record<OtherLanguage, string>>>> = {
  Kosovo: 'XK',
  Taiwan: 'TW',
  'N. Cyprus': {
    fr: 'Chypre du Nord',
    es: 'Chipre septentrional',
    ar: 'شمال قبرص',
    zh: '北塞浦路斯',
    ru: 'Северный Кипр',
  },
  Somaliland: { fr: 'Somaliland', es: 'Somalilandia', ar: 'أرض الصومال', zh: '索马里兰', ru: 'Сомалиленд' },
};
