/* @jsxRuntime automatic */
/**
 * The partnership registry editor of one process, for holders of governance:edit: its type
 * history, membership records (add with role, as-of date and source; end on a date, the record
 * stays) and meetings with outcome documents. Every edit names its source and becomes a new version
 * of the registry; the public process page shows the result.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/catalogues/en.ts';
import { Link } from '../../app/router-context.tsx';
import { useSession } from '../../app/session-context.tsx';
import { ErrorMessage, Loading, Section } from '../../app/shared.tsx';
import { areaName } from '../../app/localized.ts';
import { useLoad } from '../../app/use-load.ts';
import { normalizeAreaCode } from '../../charts/category-scale.ts';
import { holdsGlobally } from '../../app/permissions.ts';
import { useLockedSave } from '../../app/use-locked-save.ts';
import { loadPartnershipEdit, type PartnershipEditData } from './partnerships-data.ts';
import { MembershipRecordsTable, TypeName, typeKey } from './partnership-parts.tsx';
import {
  readEndForm,
  readMeetingForm,
  readMembershipForm,
  readTypeForm,
  sortRecords,
  type FormProblem,
} from './partnership-edit-state.ts';

const PROCESS_TYPES = ['regional-consultative-process', 'interregional-forum', 'global-process'] as const;

/** A labelled input of an edit form. */
function Field({
  name,
  label,
  required = false,
  size = 30,
  hint,
}: {
  name: string;
  label: string;
  required?: boolean;
  size?: number;
  hint?: string;
}) {
  const id = useId();
  return (
    <p>
      <label htmlFor={id}>{label}</label>{' '}
      <input
        id={id}
        name={name}
        required={required}
        size={size}
        {...(hint ? { 'aria-describedby': `${id}-hint` } : {})}
      />
      {hint ? (
        <>
          {' '}
          <small id={`${id}-hint`}>{hint}</small>
        </>
      ) : null}
    </p>
  );
}

/** The label a problem names its field by. */
const FIELD_LABELS: Record<string, MessageKey> = {
  area: 'common.country',
  kind: 'partnershipEdit.kind',
  role: 'partnership.role',
  asOf: 'partnership.asOf',
  from: 'partnership.from',
  until: 'partnership.until',
  source: 'crosswalk.editSource',
  type: 'partnerships.type',
  title: 'partnershipEdit.meetingTitle',
  date: 'partnershipEdit.meetingDate',
  year: 'partnershipEdit.year',
  outcomes: 'partnership.outcomes',
};

function Problems({ problems }: { problems: FormProblem[] }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <ul role="alert" className="error">
      {problems.map((problem) => (
        <li key={`${problem.field}-${problem.key}`}>
          {t(problem.key, {
            field: FIELD_LABELS[problem.field] ? t(FIELD_LABELS[problem.field]!) : problem.field,
            ...problem.values,
          })}
        </li>
      ))}
    </ul>
  );
}

/** What submitting an edit form came to: stored, or the problems to fix (none when the server refused or another editor saved first). */
interface EditResult {
  saved: boolean;
  problems: FormProblem[];
}

/** One edit form: reads its fields, checks them, posts the edit and reports. */
function EditForm({
  testId,
  legend,
  submit,
  onSubmit,
  children,
}: {
  testId: string;
  legend: string;
  submit: string;
  onSubmit: (read: (name: string) => string) => Promise<EditResult>;
  children: ReactNode;
}) {
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const handle = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await onSubmit((name) => String(form.get(name) ?? '').trim());
    setProblems(result.problems);
    // Only a stored edit clears the form; a refusal or a conflict keeps what was typed.
    if (result.saved) formElement.reset();
  };
  return (
    <form onSubmit={(event) => void handle(event)} data-testid={testId} className="stacked-form" noValidate>
      <fieldset>
        <legend>{legend}</legend>
        {children}
        <Problems problems={problems} />
        <button type="submit">{submit}</button>
      </fieldset>
    </form>
  );
}

function Editor({ initial }: { initial: PartnershipEditData }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const { save: lockedSave } = useLockedSave();
  const [data, setData] = useState(initial);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const [ending, setEnding] = useState<string>();
  const { process } = data;
  const nameOf = (code: string) => data.areas.get(normalizeAreaCode(code))?.name;
  const countries = [...data.areas.values()]
    .filter((area) => area.kind === 'country')
    .sort((left, right) => areaName(left, lang).localeCompare(areaName(right, lang), lang));

  /** Post an edit from the version shown, then show the stored result. */
  const edit = async (path: string, body: Record<string, unknown>, problems: FormProblem[]): Promise<EditResult> => {
    if (problems.length > 0) return { saved: false, problems };
    setError(undefined);
    const result = await lockedSave<{ version: number }>(path, data.version, { body });
    try {
      if (result.outcome === 'saved') {
        setData(await loadPartnershipEdit(api, process.id));
        setStatus(t('crosswalk.saved', { version: result.body.version }));
        setEnding(undefined);
        return { saved: true, problems: [] };
      }
      setStatus('');
      if (result.outcome === 'conflict') {
        // Another editor saved first: show their version, keep this form filled in to submit again.
        const current = await loadPartnershipEdit(api, process.id);
        setData(current);
        setStatus(t('partnershipEdit.conflict', { version: current.version }));
        return { saved: false, problems: [] };
      }
      setError(result.error);
    } catch (failure) {
      setStatus('');
      setError(failure);
    }
    return { saved: false, problems: [] };
  };
  const records = sortRecords(process.membershipRecords, lang);
  const memberName = (record: { area?: string; name: string }) => {
    const area = record.area ? data.areas.get(normalizeAreaCode(record.area)) : undefined;
    return area ? areaName(area, lang) : record.name;
  };

  return (
    <>
      <p data-testid="registry-version">{t('crosswalk.version', { version: data.version })}</p>
      <p role="status">{status}</p>
      {error ? <ErrorMessage error={error} /> : null}

      <Section title={t('partnership.typeHistory')} id="types">
        <ul data-testid="type-history">
          {process.types.map((claim) => (
            <li key={`${claim.type}-${claim.asOf}-${claim.source}`}>
              <TypeName type={claim.type} /> — <span lang="en">{claim.asOf}</span>{' '}
              <small lang="en">({claim.source})</small>
            </li>
          ))}
        </ul>
        <EditForm
          testId="add-type"
          legend={t('partnershipEdit.addType')}
          submit={t('partnershipEdit.addType')}
          onSubmit={(read) => {
            const form = readTypeForm(read);
            return edit(`/partnerships/processes/${encodeURIComponent(process.id)}/types`, form.body, form.problems);
          }}
        >
          <p>
            <label>
              {t('partnerships.type')}{' '}
              <select name="type" defaultValue={process.type ?? PROCESS_TYPES[0]}>
                {PROCESS_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(typeKey(type) ?? 'partnerships.typeRcp')}
                  </option>
                ))}
              </select>
            </label>
          </p>
          <Field name="asOf" label={t('partnershipEdit.typeAsOf')} required size={20} />
          <Field name="source" label={t('crosswalk.editSource')} required size={50} />
        </EditForm>
      </Section>

      <Section title={t('partnership.membershipHistory')} id="memberships">
        <>
          <MembershipRecordsTable
            records={records}
            memberName={memberName}
            testId="membership-records"
            action={{
              header: t('partnershipEdit.end'),
              cell: (record, name) =>
                record.until !== undefined ? (
                  '–'
                ) : ending === record.id ? (
                  <EditForm
                    testId="end-membership"
                    legend={t('partnershipEdit.endOf', { name })}
                    submit={t('partnershipEdit.end')}
                    onSubmit={(read) => {
                      const form = readEndForm(read);
                      return edit(
                        `/partnerships/memberships/${encodeURIComponent(record.id)}/end`,
                        form.body,
                        form.problems,
                      );
                    }}
                  >
                    <Field
                      name="until"
                      label={t('partnership.until')}
                      required
                      size={10}
                      hint={t('partnershipEdit.dateHint')}
                    />
                    <Field name="source" label={t('crosswalk.editSource')} required size={20} />
                  </EditForm>
                ) : (
                  <button
                    type="button"
                    onClick={() => setEnding(record.id)}
                    aria-label={t('partnershipEdit.endOf', { name })}
                  >
                    {t('partnershipEdit.end')}
                  </button>
                ),
            }}
          />
        </>
        <EditForm
          testId="add-membership"
          legend={t('partnershipEdit.addMembership')}
          submit={t('partnershipEdit.addMembership')}
          onSubmit={(read) => {
            const form = readMembershipForm(process.id, read, nameOf);
            return edit('/partnerships/memberships', form.body, form.problems);
          }}
        >
          <p>
            <label>
              {t('common.country')}{' '}
              <select name="area" required defaultValue="">
                <option value="">–</option>
                {countries.map((area) => (
                  <option key={area.code} value={normalizeAreaCode(area.m49 ?? area.code)}>
                    {areaName(area, lang)}
                  </option>
                ))}
              </select>
            </label>
          </p>
          <p>
            <label>
              {t('partnershipEdit.kind')}{' '}
              <select name="kind" defaultValue="member">
                <option value="member">{t('partnership.member')}</option>
                <option value="observer">{t('partnership.observer')}</option>
              </select>
            </label>
          </p>
          <Field name="role" label={t('partnership.role')} required hint={t('partnershipEdit.roleHint')} />
          <Field name="asOf" label={t('partnership.asOf')} required size={20} hint={t('partnershipEdit.asOfHint')} />
          <Field name="from" label={t('partnership.from')} size={10} hint={t('partnershipEdit.dateHint')} />
          <Field name="until" label={t('partnership.until')} size={10} hint={t('partnershipEdit.dateHint')} />
          <Field name="source" label={t('crosswalk.editSource')} required size={50} />
        </EditForm>
      </Section>

      <Section title={t('partnership.meetingsTitle')} id="meetings">
        {process.meetings.length === 0 ? (
          <p>{t('partnership.noMeetings')}</p>
        ) : (
          <ul data-testid="meeting-list">
            {process.meetings.map((meeting) => (
              <li key={meeting.id} lang="en">
                <strong>{meeting.title}</strong> — {meeting.date}
                {meeting.place ? `, ${meeting.place}` : ''}
                {meeting.outcomes.length > 0 ? (
                  <> · {meeting.outcomes.map((outcome) => `${outcome.title} (${outcome.source})`).join('; ')}</>
                ) : null}{' '}
                <small>({meeting.source})</small>
              </li>
            ))}
          </ul>
        )}
        <EditForm
          testId="add-meeting"
          legend={t('partnershipEdit.addMeeting')}
          submit={t('partnershipEdit.addMeeting')}
          onSubmit={(read) => {
            const form = readMeetingForm(process.id, read);
            return edit('/partnerships/meetings', form.body, form.problems);
          }}
        >
          <Field name="title" label={t('partnershipEdit.meetingTitle')} required size={50} />
          <Field name="date" label={t('partnershipEdit.meetingDate')} required size={20} />
          <Field name="year" label={t('partnershipEdit.year')} size={6} />
          <Field name="place" label={t('partnershipEdit.place')} size={30} />
          <Field name="theme" label={t('partnership.theme')} size={50} />
          <OutcomesField />
          <Field name="source" label={t('crosswalk.editSource')} required size={50} />
        </EditForm>
      </Section>
    </>
  );
}

function OutcomesField() {
  const { t } = useI18n();
  const id = useId();
  return (
    <p>
      <label htmlFor={id}>{t('partnership.outcomes')}</label>
      <br />
      <textarea id={id} name="outcomes" rows={3} cols={60} aria-describedby={`${id}-hint`} />
      <br />
      <small id={`${id}-hint`}>{t('partnershipEdit.outcomesHint')}</small>
    </p>
  );
}

export function PartnershipEditPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { api, session } = useSession();
  const state = useLoad(() => loadPartnershipEdit(api, id), `partnership-edit:${id}:${session?.user.id ?? ''}`);
  const back = (
    <p>
      <Link to={{ view: 'partnership', lang, id }}>{t('partnershipEdit.backToProcess')}</Link>
    </p>
  );
  if (!session || !holdsGlobally(session, 'governance:edit')) {
    return (
      <>
        <h1>{t('partnershipEdit.title')}</h1>
        {back}
        {session ? (
          <p>{t('partnershipEdit.notAllowed')}</p>
        ) : (
          <p>
            <Link to={{ view: 'sign-in', lang }}>{t('workspace.signInFirst')}</Link>
          </p>
        )}
      </>
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorMessage error={state.error} onRetry={state.reload} />;
  const { process } = state.data;
  return (
    <>
      <h1>
        {t('partnershipEdit.title')}:{' '}
        <span lang="en">{process.acronym ? `${process.name} (${process.acronym})` : process.name}</span>
      </h1>
      {back}
      <p>{t('partnershipEdit.intro')}</p>
      <Editor initial={state.data} />
    </>
  );
}
