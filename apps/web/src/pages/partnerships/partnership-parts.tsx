/* @jsxRuntime automatic */
/** Pieces both partnership pages draw: the localized process type and the founding years with their sources. */
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/catalogues/en.ts';
import { foundingConflicts, foundingYears, type FoundingClaim, type PartnershipSummary } from './partnership-state.ts';

const TYPE_KEYS: Record<string, MessageKey> = {
  'regional-consultative-process': 'partnerships.typeRcp',
  'interregional-forum': 'partnerships.typeIrf',
  'global-process': 'partnerships.typeGlobal',
};

export function TypeName({ type }: { type: string | null }) {
  const { t } = useI18n();
  const key = type ? TYPE_KEYS[type] : undefined;
  return <>{key ? t(key) : (type ?? '–')}</>;
}

/** One year when the sources agree; every year with its sources when they conflict. */
export function FoundingYears({ founding }: { founding: readonly FoundingClaim[] }) {
  const { t } = useI18n();
  const years = foundingYears(founding);
  if (years.length === 0) return <>–</>;
  if (!foundingConflicts(founding)) return <>{years[0]!.label}</>;
  return (
    <>
      <span className="visually-hidden">{t('partnerships.foundingConflict')}: </span>
      <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
        {years.map((entry) => (
          <li key={entry.label}>
            <strong>{entry.label}</strong> <small>({entry.sources.join('; ')})</small>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The members counted from the membership records, and the source's own figure when it differs (records are missing for some processes). */
export function MemberCount({ process }: { process: Pick<PartnershipSummary, 'memberCount' | 'memberCountReported'> }) {
  const { t, formatNumber } = useI18n();
  const reported = process.memberCountReported.text.trim();
  return (
    <>
      {formatNumber(process.memberCount)}
      {reported && reported !== String(process.memberCount) ? (
        <>
          {' '}
          <small>({t('partnership.reported', { reported })})</small>
        </>
      ) : null}
    </>
  );
}
