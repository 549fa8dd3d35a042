/* @jsxRuntime automatic */
/** Pieces the partnership pages share: the localized process type, the founding years with their sources, the membership records. */
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/catalogues/en.ts';
import {
  foundingConflicts,
  foundingYears,
  type FoundingClaim,
  type PartnershipMembership,
  type PartnershipSummary,
} from './partnership-state.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';
import { English, Message } from '../../app/Localized.tsx';

const TYPE_KEYS: Record<string, MessageKey> = {
  'regional-consultative-process': 'partnerships.typeRcp',
  'interregional-forum': 'partnerships.typeIrf',
  'global-process': 'partnerships.typeGlobal',
};

/** The message key of a process type, if the catalogue names it. */
export function typeKey(type: string | null): MessageKey | undefined {
  return type ? TYPE_KEYS[type] : undefined;
}

export function TypeName({ type }: { type: string | null }) {
  const { t } = useI18n();
  const key = typeKey(type);
  return <>{key ? t(key) : (type ?? '–')}</>;
}

/** One year when the sources agree; every year with its sources when they conflict. */
export function FoundingYears({ founding }: { founding: readonly FoundingClaim[] }) {
  const { t, lang } = useI18n();
  const years = foundingYears(founding);
  if (years.length === 0) return <>–</>;
  if (!foundingConflicts(founding)) return <>{years[0]!.label}</>;
  return (
    <>
      <span className="visually-hidden">{t('partnerships.foundingConflict')}: </span>
      <ul style={{ margin: 0, paddingInlineStart: '1.2em' }}>
        {years.map((entry) => (
          <li key={entry.label}>
            <strong>{entry.label}</strong>{' '}
            <small {...(lang === 'en' ? {} : { lang: 'en' })}>({entry.sources.join('; ')})</small>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The members counted from the verified membership records, and the source's own figure when it
 * differs. A count the registry has not compiled from primary sources shows as "not compiled" with
 * its reason, never as 0; an unverified reported figure says so.
 */
export function MemberCount({
  process,
}: {
  process: Pick<PartnershipSummary, 'memberCount' | 'memberCountNotCompiled' | 'memberCountReported'>;
}) {
  const { formatNumber } = useI18n();
  const reported = process.memberCountReported.text.trim();
  // The registry's figures and reasons are in English, as compiled: marked so inside the page's sentence.
  const reportedNote = !reported ? null : process.memberCountReported.unverified ? (
    <Message
      id="partnership.reportedUnverified"
      values={{
        reported: <English>{reported}</English>,
        reason: <English>{process.memberCountReported.unverifiedReason ?? ''}</English>,
      }}
    />
  ) : reported !== String(process.memberCount) ? (
    <Message id="partnership.reported" values={{ reported: <English>{reported}</English> }} />
  ) : null;
  return (
    <>
      {process.memberCount === null || process.memberCount === undefined ? (
        <span data-testid="member-count-not-compiled">
          <Message
            id="partnership.notCompiled"
            values={{ reason: <English>{process.memberCountNotCompiled ?? ''}</English> }}
          />
        </span>
      ) : (
        formatNumber(process.memberCount)
      )}
      {reportedNote ? (
        <>
          {' '}
          <small>({reportedNote})</small>
        </>
      ) : null}
    </>
  );
}

/** Every membership record of a process (ended ones too) with role, dates and source; the editor adds a column of actions. */
export function MembershipRecordsTable({
  records,
  memberName,
  testId,
  action,
}: {
  records: readonly PartnershipMembership[];
  memberName: (record: PartnershipMembership) => string;
  testId?: string;
  action?: { header: string; cell: (record: PartnershipMembership, name: string) => ReactNode };
}) {
  const { t } = useI18n();
  return (
    <ScrollBox label={t('partnership.membershipHistory')}>
      <table {...(testId ? { 'data-testid': testId } : {})}>
        <caption>{t('partnership.membershipHistory')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.country')}</th>
            <th scope="col">{t('partnership.role')}</th>
            <th scope="col">{t('partnership.from')}</th>
            <th scope="col">{t('partnership.until')}</th>
            <th scope="col">{t('partnership.asOf')}</th>
            <th scope="col">{t('partnership.source')}</th>
            {action ? <th scope="col">{action.header}</th> : null}
          </tr>
        </thead>
        <tbody>
          {records.map((record) => {
            const name = memberName(record);
            return (
              <tr key={record.id} data-record={record.id}>
                <th scope="row">{name}</th>
                <td lang="en">{record.role}</td>
                <td>{record.from ?? '–'}</td>
                <td>{record.until ?? '–'}</td>
                <td lang="en">{record.asOf}</td>
                <td>
                  <small lang="en">{record.source}</small>
                </td>
                {action ? <td>{action.cell(record, name)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}
