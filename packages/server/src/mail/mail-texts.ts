/**
 * The words of every e-mail in the six UN languages (docs/mail.md). Each message is written in the
 * recipient's preferred language. Values put into a sentence (names, places, dates) are wrapped in
 * Unicode isolates (FSI … PDI), so that a Latin name inside Arabic text, or an Arabic name inside
 * English, keeps its own direction; the HTML part turns them into `<bdi>`.
 */
import type { Language } from '@migov/core';
import type { Role } from '../auth/permissions.ts';

/** The workflow actions that send notices. */
export type NoticeAction = 'submit' | 'resubmit' | 'return' | 'validate' | 'publish';

/** The states an assessment is reminded in. */
export type ReminderState = 'draft' | 'returned';

/** The texts of one language. Functions take values already isolated (see `isolate`). */
export interface MailTexts {
  roles: Record<Role, string>;
  allCountries: string;
  dear(name: string): string;
  openIt: string;
  reasonGiven: string;
  footer: string;
  invitation: {
    subject(role: string, where: string): string;
    invites(inviter: string, role: string, where: string): string;
    invited(role: string, where: string): string;
    openLink(until: string): string;
    after: string;
  };
  passwordReset: {
    subject: string;
    asked: string;
    openLink(until: string): string;
    ignore: string;
  };
  notices: Record<
    NoticeAction,
    { subject(where: string, year: string): string; body(actor: string, where: string, year: string): string }
  >;
  reminder: {
    subject(where: string, year: string, day: string): string;
    body(where: string, year: string, day: string, state: string): string;
    states: Record<ReminderState, string>;
  };
}

const en: MailTexts = {
  roles: {
    administrator: 'administrator',
    'global-analyst': 'global analyst',
    'regional-analyst': 'regional analyst',
    'national-coordinator': 'national coordinator',
    'focal-point': 'focal point',
    reviewer: 'reviewer',
  },
  allCountries: 'all countries',
  dear: (name) => `Dear ${name},`,
  openIt: 'Open it:',
  reasonGiven: 'Reason given:',
  footer: 'migov: migration governance assessments. This message was sent automatically; replies are not read.',
  invitation: {
    subject: (role, where) => `Invitation to migov as ${role} for ${where}`,
    invites: (inviter, role, where) => `${inviter} invites you to take part in migov as ${role} for ${where}.`,
    invited: (role, where) => `You are invited to take part in migov as ${role} for ${where}.`,
    openLink: (until) => `Open this link to accept (it works once, until ${until}):`,
    after:
      'If you already have an account with this address, you will be asked to sign in first. If you did not expect this invitation, ignore this message.',
  },
  passwordReset: {
    subject: 'Reset your migov password',
    asked: 'Someone asked to reset the password of the migov account of this address.',
    openLink: (until) =>
      `To choose a new password, open this link (it works once, until ${until}); every open session of the account will be signed out:`,
    ignore: 'If you did not ask for this, ignore this message: your password stays as it is.',
  },
  notices: {
    submit: {
      subject: (where, year) => `${where} ${year}: assessment submitted`,
      body: (actor, where, year) =>
        `${actor} submitted the assessment of ${where} for ${year}. It is ready for review.`,
    },
    resubmit: {
      subject: (where, year) => `${where} ${year}: assessment submitted again`,
      body: (actor, where, year) =>
        `${actor} submitted again the assessment of ${where} for ${year}. It is ready for review again.`,
    },
    return: {
      subject: (where, year) => `${where} ${year}: assessment returned`,
      body: (actor, where, year) =>
        `${actor} returned the assessment of ${where} for ${year}. Please revise the answers and submit again.`,
    },
    validate: {
      subject: (where, year) => `${where} ${year}: assessment validated`,
      body: (actor, where, year) =>
        `${actor} validated the assessment of ${where} for ${year}. It can now be published by the national coordinator.`,
    },
    publish: {
      subject: (where, year) => `${where} ${year}: assessment published`,
      body: (actor, where, year) =>
        `${actor} published the assessment of ${where} for ${year}. The results are now public on the observatory.`,
    },
  },
  reminder: {
    subject: (where, year, day) => `${where} ${year}: the round closes on ${day}`,
    body: (where, year, day, state) =>
      `The ${year} round closes on ${day} and the assessment of ${where} is not submitted yet (${state}).`,
    states: { draft: 'draft', returned: 'returned' },
  },
};

const fr: MailTexts = {
  roles: {
    administrator: 'administrateur',
    'global-analyst': 'analyste mondial',
    'regional-analyst': 'analyste régional',
    'national-coordinator': 'coordonnateur national',
    'focal-point': 'point focal',
    reviewer: 'examinateur',
  },
  allCountries: 'tous les pays',
  dear: (name) => `Bonjour ${name},`,
  openIt: 'Ouvrir :',
  reasonGiven: 'Motif indiqué :',
  footer:
    'migov : évaluations de la gouvernance des migrations. Ce message a été envoyé automatiquement ; les réponses ne sont pas lues.',
  invitation: {
    subject: (role, where) => `Invitation à migov : ${role}, ${where}`,
    invites: (inviter, role, where) => `${inviter} vous invite à participer à migov en tant que ${role} pour ${where}.`,
    invited: (role, where) => `Vous êtes invité(e) à participer à migov en tant que ${role} pour ${where}.`,
    openLink: (until) => `Ouvrez ce lien pour accepter (il ne sert qu’une fois, jusqu’au ${until}) :`,
    after:
      'Si vous avez déjà un compte avec cette adresse, il vous sera d’abord demandé de vous connecter. Si vous n’attendiez pas cette invitation, ignorez ce message.',
  },
  passwordReset: {
    subject: 'Réinitialiser votre mot de passe migov',
    asked: 'Quelqu’un a demandé la réinitialisation du mot de passe du compte migov de cette adresse.',
    openLink: (until) =>
      `Pour choisir un nouveau mot de passe, ouvrez ce lien (il ne sert qu’une fois, jusqu’au ${until}) ; toutes les sessions ouvertes du compte seront fermées :`,
    ignore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
  },
  notices: {
    submit: {
      subject: (where, year) => `${where} ${year} : évaluation soumise`,
      body: (actor, where, year) =>
        `${actor} a soumis l’évaluation de ${where} pour ${year}. Elle est prête pour l’examen.`,
    },
    resubmit: {
      subject: (where, year) => `${where} ${year} : évaluation soumise à nouveau`,
      body: (actor, where, year) =>
        `${actor} a soumis à nouveau l’évaluation de ${where} pour ${year}. Elle est de nouveau prête pour l’examen.`,
    },
    return: {
      subject: (where, year) => `${where} ${year} : évaluation renvoyée`,
      body: (actor, where, year) =>
        `${actor} a renvoyé l’évaluation de ${where} pour ${year}. Veuillez réviser les réponses et la soumettre à nouveau.`,
    },
    validate: {
      subject: (where, year) => `${where} ${year} : évaluation validée`,
      body: (actor, where, year) =>
        `${actor} a validé l’évaluation de ${where} pour ${year}. Le coordonnateur national peut maintenant la publier.`,
    },
    publish: {
      subject: (where, year) => `${where} ${year} : évaluation publiée`,
      body: (actor, where, year) =>
        `${actor} a publié l’évaluation de ${where} pour ${year}. Les résultats sont maintenant publics sur l’observatoire.`,
    },
  },
  reminder: {
    subject: (where, year, day) => `${where} ${year} : le cycle se clôt le ${day}`,
    body: (where, year, day, state) =>
      `Le cycle ${year} se clôt le ${day} et l’évaluation de ${where} n’est pas encore soumise (${state}).`,
    states: { draft: 'brouillon', returned: 'renvoyée' },
  },
};

const es: MailTexts = {
  roles: {
    administrator: 'administrador',
    'global-analyst': 'analista global',
    'regional-analyst': 'analista regional',
    'national-coordinator': 'coordinador nacional',
    'focal-point': 'punto focal',
    reviewer: 'revisor',
  },
  allCountries: 'todos los países',
  dear: (name) => `Estimado/a ${name}:`,
  openIt: 'Abrirla:',
  reasonGiven: 'Motivo indicado:',
  footer:
    'migov: evaluaciones de la gobernanza de la migración. Este mensaje se envió automáticamente; las respuestas no se leen.',
  invitation: {
    subject: (role, where) => `Invitación a migov: ${role}, ${where}`,
    invites: (inviter, role, where) => `${inviter} le invita a participar en migov como ${role} para ${where}.`,
    invited: (role, where) => `Se le invita a participar en migov como ${role} para ${where}.`,
    openLink: (until) => `Abra este enlace para aceptar (funciona una sola vez, hasta el ${until}):`,
    after:
      'Si ya tiene una cuenta con esta dirección, se le pedirá primero que inicie sesión. Si no esperaba esta invitación, ignore este mensaje.',
  },
  passwordReset: {
    subject: 'Restablecer su contraseña de migov',
    asked: 'Alguien ha pedido restablecer la contraseña de la cuenta de migov de esta dirección.',
    openLink: (until) =>
      `Para elegir una nueva contraseña, abra este enlace (funciona una sola vez, hasta el ${until}); se cerrarán todas las sesiones abiertas de la cuenta:`,
    ignore: 'Si no lo ha pedido usted, ignore este mensaje: su contraseña no cambia.',
  },
  notices: {
    submit: {
      subject: (where, year) => `${where} ${year}: evaluación presentada`,
      body: (actor, where, year) =>
        `${actor} presentó la evaluación de ${where} para ${year}. Está lista para su revisión.`,
    },
    resubmit: {
      subject: (where, year) => `${where} ${year}: evaluación presentada de nuevo`,
      body: (actor, where, year) =>
        `${actor} presentó de nuevo la evaluación de ${where} para ${year}. Está lista de nuevo para su revisión.`,
    },
    return: {
      subject: (where, year) => `${where} ${year}: evaluación devuelta`,
      body: (actor, where, year) =>
        `${actor} devolvió la evaluación de ${where} para ${year}. Revise las respuestas y preséntela de nuevo.`,
    },
    validate: {
      subject: (where, year) => `${where} ${year}: evaluación validada`,
      body: (actor, where, year) =>
        `${actor} validó la evaluación de ${where} para ${year}. El coordinador nacional ya puede publicarla.`,
    },
    publish: {
      subject: (where, year) => `${where} ${year}: evaluación publicada`,
      body: (actor, where, year) =>
        `${actor} publicó la evaluación de ${where} para ${year}. Los resultados ya son públicos en el observatorio.`,
    },
  },
  reminder: {
    subject: (where, year, day) => `${where} ${year}: la ronda cierra el ${day}`,
    body: (where, year, day, state) =>
      `La ronda ${year} cierra el ${day} y la evaluación de ${where} aún no se ha presentado (${state}).`,
    states: { draft: 'borrador', returned: 'devuelta' },
  },
};

const ar: MailTexts = {
  roles: {
    administrator: 'مسؤول النظام',
    'global-analyst': 'محلل عالمي',
    'regional-analyst': 'محلل إقليمي',
    'national-coordinator': 'منسق وطني',
    'focal-point': 'جهة اتصال',
    reviewer: 'مراجع',
  },
  allCountries: 'جميع البلدان',
  dear: (name) => `عزيزي/عزيزتي ${name}،`,
  openIt: 'افتحه:',
  reasonGiven: 'السبب المذكور:',
  footer: 'migov: تقييمات حوكمة الهجرة. أُرسلت هذه الرسالة تلقائياً، ولا تُقرأ الردود عليها.',
  invitation: {
    subject: (role, where) => `دعوة إلى migov بصفة ${role} في ${where}`,
    invites: (inviter, role, where) => `يدعوك ${inviter} إلى المشاركة في migov بصفة ${role} في ${where}.`,
    invited: (role, where) => `أنت مدعو إلى المشاركة في migov بصفة ${role} في ${where}.`,
    openLink: (until) => `افتح هذا الرابط لقبول الدعوة (يعمل مرة واحدة فقط، حتى ${until}):`,
    after:
      'إذا كان لديك حساب بهذا العنوان، فسيُطلب منك تسجيل الدخول أولاً. وإذا لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.',
  },
  passwordReset: {
    subject: 'إعادة تعيين كلمة مرور migov',
    asked: 'طلب أحدهم إعادة تعيين كلمة مرور حساب migov المرتبط بهذا العنوان.',
    openLink: (until) =>
      `لاختيار كلمة مرور جديدة، افتح هذا الرابط (يعمل مرة واحدة فقط، حتى ${until})؛ وسيُسجَّل الخروج من جميع الجلسات المفتوحة للحساب:`,
    ignore: 'إذا لم تطلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة المرور كما هي.',
  },
  notices: {
    submit: {
      subject: (where, year) => `${where} ${year}: قُدِّم التقييم`,
      body: (actor, where, year) => `قدّم ${actor} تقييم ${where} لعام ${year}. وهو جاهز للمراجعة.`,
    },
    resubmit: {
      subject: (where, year) => `${where} ${year}: أُعيد تقديم التقييم`,
      body: (actor, where, year) => `أعاد ${actor} تقديم تقييم ${where} لعام ${year}. وهو جاهز للمراجعة من جديد.`,
    },
    return: {
      subject: (where, year) => `${where} ${year}: أُعيد التقييم للتعديل`,
      body: (actor, where, year) =>
        `أعاد ${actor} تقييم ${where} لعام ${year} للتعديل. يُرجى مراجعة الإجابات وتقديمه من جديد.`,
    },
    validate: {
      subject: (where, year) => `${where} ${year}: اعتُمد التقييم`,
      body: (actor, where, year) => `اعتمد ${actor} تقييم ${where} لعام ${year}. ويمكن للمنسق الوطني نشره الآن.`,
    },
    publish: {
      subject: (where, year) => `${where} ${year}: نُشر التقييم`,
      body: (actor, where, year) => `نشر ${actor} تقييم ${where} لعام ${year}. وأصبحت النتائج متاحة للجميع في المرصد.`,
    },
  },
  reminder: {
    subject: (where, year, day) => `${where} ${year}: تُغلق الجولة في ${day}`,
    body: (where, year, day, state) => `تُغلق جولة عام ${year} في ${day}، ولم يُقدَّم تقييم ${where} بعد (${state}).`,
    states: { draft: 'مسودة', returned: 'مُعاد للتعديل' },
  },
};

const zh: MailTexts = {
  roles: {
    administrator: '管理员',
    'global-analyst': '全球分析员',
    'regional-analyst': '区域分析员',
    'national-coordinator': '国家协调员',
    'focal-point': '联络人',
    reviewer: '审核员',
  },
  allCountries: '所有国家',
  dear: (name) => `${name}，您好：`,
  openIt: '打开：',
  reasonGiven: '所述理由：',
  footer: 'migov：移民治理评估。本邮件由系统自动发送，回复不会被阅读。',
  invitation: {
    subject: (role, where) => `邀请您以${role}身份加入 migov（${where}）`,
    invites: (inviter, role, where) => `${inviter}邀请您以${role}身份参与 migov，负责${where}。`,
    invited: (role, where) => `您受邀以${role}身份参与 migov，负责${where}。`,
    openLink: (until) => `请打开以下链接接受邀请（仅可使用一次，有效期至${until}）：`,
    after: '如果您已有使用此地址的账户，系统会先请您登录。如果您并未预期收到此邀请，请忽略本邮件。',
  },
  passwordReset: {
    subject: '重置您的 migov 密码',
    asked: '有人请求重置使用此地址的 migov 账户的密码。',
    openLink: (until) =>
      `如需设置新密码，请打开以下链接（仅可使用一次，有效期至${until}）；该账户所有已登录的会话都将退出：`,
    ignore: '如果这不是您本人的请求，请忽略本邮件：您的密码不会改变。',
  },
  notices: {
    submit: {
      subject: (where, year) => `${where} ${year}：评估已提交`,
      body: (actor, where, year) => `${actor}已提交${where} ${year}年的评估，可以开始审核。`,
    },
    resubmit: {
      subject: (where, year) => `${where} ${year}：评估已重新提交`,
      body: (actor, where, year) => `${actor}已重新提交${where} ${year}年的评估，可以再次审核。`,
    },
    return: {
      subject: (where, year) => `${where} ${year}：评估已退回`,
      body: (actor, where, year) => `${actor}已退回${where} ${year}年的评估。请修改答案后重新提交。`,
    },
    validate: {
      subject: (where, year) => `${where} ${year}：评估已核准`,
      body: (actor, where, year) => `${actor}已核准${where} ${year}年的评估。国家协调员现在可以发布。`,
    },
    publish: {
      subject: (where, year) => `${where} ${year}：评估已发布`,
      body: (actor, where, year) => `${actor}已发布${where} ${year}年的评估。结果现已在观测平台上公开。`,
    },
  },
  reminder: {
    subject: (where, year, day) => `${where} ${year}：本轮于${day}截止`,
    body: (where, year, day, state) => `${year}年度的轮次将于${day}截止，${where}的评估尚未提交（${state}）。`,
    states: { draft: '草稿', returned: '已退回' },
  },
};

const ru: MailTexts = {
  roles: {
    administrator: 'администратор',
    'global-analyst': 'глобальный аналитик',
    'regional-analyst': 'региональный аналитик',
    'national-coordinator': 'национальный координатор',
    'focal-point': 'контактное лицо',
    reviewer: 'рецензент',
  },
  allCountries: 'все страны',
  dear: (name) => `Здравствуйте, ${name}!`,
  openIt: 'Открыть:',
  reasonGiven: 'Указанная причина:',
  footer: 'migov: оценки управления миграцией. Это письмо отправлено автоматически; ответы на него не читаются.',
  invitation: {
    subject: (role, where) => `Приглашение в migov: ${role}, ${where}`,
    invites: (inviter, role, where) =>
      `Пользователь ${inviter} приглашает вас участвовать в migov в роли «${role}» (${where}).`,
    invited: (role, where) => `Вас приглашают участвовать в migov в роли «${role}» (${where}).`,
    openLink: (until) => `Откройте эту ссылку, чтобы принять приглашение (она действует один раз, до ${until}):`,
    after:
      'Если у вас уже есть учётная запись с этим адресом, сначала вам будет предложено войти. Если вы не ожидали этого приглашения, не обращайте внимания на это письмо.',
  },
  passwordReset: {
    subject: 'Сброс пароля migov',
    asked: 'Поступил запрос на сброс пароля учётной записи migov с этим адресом.',
    openLink: (until) =>
      `Чтобы задать новый пароль, откройте эту ссылку (она действует один раз, до ${until}); все открытые сеансы учётной записи будут завершены:`,
    ignore: 'Если вы этого не запрашивали, не обращайте внимания на это письмо: ваш пароль останется прежним.',
  },
  notices: {
    submit: {
      subject: (where, year) => `${where}, ${year}: оценка представлена`,
      body: (actor, where, year) =>
        `Пользователь ${actor} представил оценку (${where}, ${year}). Она готова к рецензированию.`,
    },
    resubmit: {
      subject: (where, year) => `${where}, ${year}: оценка представлена повторно`,
      body: (actor, where, year) =>
        `Пользователь ${actor} повторно представил оценку (${where}, ${year}). Она снова готова к рецензированию.`,
    },
    return: {
      subject: (where, year) => `${where}, ${year}: оценка возвращена`,
      body: (actor, where, year) =>
        `Пользователь ${actor} вернул оценку (${where}, ${year}) на доработку. Исправьте, пожалуйста, ответы и представьте её снова.`,
    },
    validate: {
      subject: (where, year) => `${where}, ${year}: оценка утверждена`,
      body: (actor, where, year) =>
        `Пользователь ${actor} утвердил оценку (${where}, ${year}). Теперь национальный координатор может её опубликовать.`,
    },
    publish: {
      subject: (where, year) => `${where}, ${year}: оценка опубликована`,
      body: (actor, where, year) =>
        `Пользователь ${actor} опубликовал оценку (${where}, ${year}). Результаты теперь доступны всем в обсерватории.`,
    },
  },
  reminder: {
    subject: (where, year, day) => `${where}, ${year}: раунд закрывается ${day}`,
    body: (where, year, day, state) =>
      `Раунд ${year} года закрывается ${day}, а оценка (${where}) ещё не представлена (${state}).`,
    states: { draft: 'черновик', returned: 'возвращена' },
  },
};

/** The texts of every language. */
export const MAIL_TEXTS: Record<Language, MailTexts> = { en, fr, es, ar, zh, ru };

/** Languages written right to left. */
export const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar']);

/** First strong isolate and pop directional isolate: a value keeps its own direction inside a sentence. */
export const FSI = '\u2068';
export const PDI = '\u2069';

/** A value put into a sentence, isolated from the text around it. */
export function isolate(value: string | number): string {
  return `${FSI}${value}${PDI}`;
}

/** The locale of dates: Arabic with Western digits, as the UN and the web app write it; Chinese in simplified script. */
const DATE_LOCALES: Record<Language, string> = {
  en: 'en',
  fr: 'fr',
  es: 'es',
  ar: 'ar-u-nu-latn',
  zh: 'zh-Hans',
  ru: 'ru',
};

/** A date and time in the language's words, in UTC (e.g. "7 décembre 2026 à 18:00 UTC"). */
export function formatDateTime(iso: string, language: Language): string {
  const text = new Intl.DateTimeFormat(DATE_LOCALES[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));
  return `${text} UTC`;
}

/** A calendar day (YYYY-MM-DD) in the language's words. */
export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
