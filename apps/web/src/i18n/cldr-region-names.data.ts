/**
 * CLDR's names of the M49 regions (CLDR 48, as ICU 78 ships it in Node.js), keyed by M49 code
 * without leading zeros. Generated from `Intl.DisplayNames` with full ICU data; the page asks the
 * browser's own `Intl.DisplayNames` first, and reads these where the browser's ICU data leaves the
 * numeric region codes out (Chromium ships a reduced set that names 419 but not 002 or 150).
 */
export const CLDR_M49_REGION_NAMES: Readonly<
  Record<string, Readonly<Record<'fr' | 'es' | 'ar' | 'zh' | 'ru', string>>>
> = {
  '1': { fr: 'Monde', es: 'Mundo', ar: 'العالم', zh: '世界', ru: 'весь мир' },
  '2': { fr: 'Afrique', es: 'África', ar: 'أفريقيا', zh: '非洲', ru: 'Африка' },
  '3': { fr: 'Amérique du Nord', es: 'América del Norte', ar: 'أمريكا الشمالية', zh: '北美洲', ru: 'Северная Америка' },
  '5': { fr: 'Amérique du Sud', es: 'Sudamérica', ar: 'أمريكا الجنوبية', zh: '南美洲', ru: 'Южная Америка' },
  '9': { fr: 'Océanie', es: 'Oceanía', ar: 'أوقيانوسيا', zh: '大洋洲', ru: 'Океания' },
  '11': { fr: 'Afrique occidentale', es: 'África occidental', ar: 'غرب أفريقيا', zh: '西非', ru: 'Западная Африка' },
  '13': { fr: 'Amérique centrale', es: 'Centroamérica', ar: 'أمريكا الوسطى', zh: '中美洲', ru: 'Центральная Америка' },
  '14': { fr: 'Afrique orientale', es: 'África oriental', ar: 'شرق أفريقيا', zh: '东非', ru: 'Восточная Африка' },
  '15': {
    fr: 'Afrique septentrionale',
    es: 'África septentrional',
    ar: 'شمال أفريقيا',
    zh: '北非',
    ru: 'Северная Африка',
  },
  '17': { fr: 'Afrique centrale', es: 'África central', ar: 'وسط أفريقيا', zh: '中非', ru: 'Центральная Африка' },
  '18': { fr: 'Afrique australe', es: 'África meridional', ar: 'أفريقيا الجنوبية', zh: '南部非洲', ru: 'Южная Африка' },
  '19': { fr: 'Amériques', es: 'América', ar: 'الأمريكتان', zh: '美洲', ru: 'Америка' },
  '21': {
    fr: 'Amérique septentrionale',
    es: 'Norteamérica',
    ar: 'شمال أمريكا',
    zh: '美洲北部',
    ru: 'Североамериканский регион',
  },
  '29': { fr: 'Caraïbes', es: 'Caribe', ar: 'الكاريبي', zh: '加勒比地区', ru: 'Карибы' },
  '30': { fr: 'Asie de l’Est', es: 'Asia oriental', ar: 'شرق آسيا', zh: '东亚', ru: 'Восточная Азия' },
  '34': { fr: 'Asie du Sud', es: 'Asia meridional', ar: 'جنوب آسيا', zh: '南亚', ru: 'Южная Азия' },
  '35': { fr: 'Asie du Sud-Est', es: 'Sudeste asiático', ar: 'جنوب شرق آسيا', zh: '东南亚', ru: 'Юго-Восточная Азия' },
  '39': { fr: 'Europe du Sud', es: 'Europa meridional', ar: 'جنوب أوروبا', zh: '南欧', ru: 'Южная Европа' },
  '53': { fr: 'Australasie', es: 'Australasia', ar: 'أسترالاسيا', zh: '澳大拉西亚', ru: 'Австралазия' },
  '54': { fr: 'Mélanésie', es: 'Melanesia', ar: 'ميلانيزيا', zh: '美拉尼西亚', ru: 'Меланезия' },
  '57': {
    fr: 'région micronésienne',
    es: 'Región de Micronesia',
    ar: 'الجزر الميكرونيزية',
    zh: '密克罗尼西亚地区',
    ru: 'Микронезия',
  },
  '61': { fr: 'Polynésie', es: 'Polinesia', ar: 'بولينيزيا', zh: '玻利尼西亚', ru: 'Полинезия' },
  '142': { fr: 'Asie', es: 'Asia', ar: 'آسيا', zh: '亚洲', ru: 'Азия' },
  '143': { fr: 'Asie centrale', es: 'Asia central', ar: 'وسط آسيا', zh: '中亚', ru: 'Центральная Азия' },
  '145': { fr: 'Asie de l’Ouest', es: 'Asia occidental', ar: 'غرب آسيا', zh: '西亚', ru: 'Западная Азия' },
  '150': { fr: 'Europe', es: 'Europa', ar: 'أوروبا', zh: '欧洲', ru: 'Европа' },
  '151': { fr: 'Europe de l’Est', es: 'Europa oriental', ar: 'شرق أوروبا', zh: '东欧', ru: 'Восточная Европа' },
  '154': { fr: 'Europe du Nord', es: 'Europa septentrional', ar: 'شمال أوروبا', zh: '北欧', ru: 'Северная Европа' },
  '155': { fr: 'Europe de l’Ouest', es: 'Europa occidental', ar: 'غرب أوروبا', zh: '西欧', ru: 'Западная Европа' },
  '202': {
    fr: 'Afrique subsaharienne',
    es: 'África subsahariana',
    ar: 'أفريقيا جنوب الصحراء الكبرى',
    zh: '撒哈拉以南非洲',
    ru: 'Тропическая Африка',
  },
  '419': {
    fr: 'Amérique latine',
    es: 'Latinoamérica',
    ar: 'أمريكا اللاتينية',
    zh: '拉丁美洲',
    ru: 'Латинская Америка',
  },
};
