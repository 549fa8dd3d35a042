/* @jsxRuntime automatic */
/**
 * The brief editor: the latest version's title, summary and notes as fields, saved as a new version
 * with a description of the change (409: someone saved first; the text typed is kept and saving again
 * makes it the next version); the gaps with their GCM objectives and SDG targets; every version with
 * its downloads as Markdown, PDF and DOCX.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../app/router-context.tsx';
import { useLockedSave } from '../../app/use-locked-save.ts';
import { SaveFooter, SignedInRead } from './governance-parts.tsx';
import type { Brief as BriefAnswer } from '@migov/server/api';
import { briefEdit } from './governance-data.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';

function Editor({ brief, onSaved }: { brief: BriefAnswer; onSaved: (brief: BriefAnswer) => void }) {
  const { t } = useI18n();
  const { save: lockedSave } = useLockedSave();
  const latest = brief.versions.at(-1)!;
  const [draft, setDraft] = useState({
    title: latest.content.title,
    summary: latest.content.summary,
    notes: latest.content.notes,
  });
  const [description, setDescription] = useState('');
  const [base, setBase] = useState(brief);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const current = base.versions.at(-1)!;
    setError(undefined);
    const result = await lockedSave<BriefAnswer>(`/briefs/${encodeURIComponent(brief.id)}`, current.version, {
      method: 'PUT',
      body: { description, edit: briefEdit(current.content, draft) },
    });
    if (result.outcome === 'saved') {
      setBase(result.body);
      setDescription('');
      setStatus(t('brief.saved', { version: result.body.latestVersion }));
      onSaved(result.body);
    } else if (result.outcome === 'conflict') {
      // Someone saved first: their version becomes the base; what was typed stays, to save again.
      setBase(result.current);
      setStatus(t('brief.conflict', { version: result.current.latestVersion }));
    } else setError(result.error);
  };
  return (
    <form onSubmit={save} data-testid="brief-editor">
      <p>
        <label>
          {t('brief.title')}
          <br />
          <input
            value={draft.title}
            onChange={(event) => setDraft({ ...draft, title: event.target.value })}
            required
            size={80}
          />
        </label>
      </p>
      <p>
        <label>
          {t('brief.summary')}
          <br />
          <textarea
            value={draft.summary}
            onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
            rows={6}
            cols={80}
          />
        </label>
      </p>
      <p>
        <label>
          {t('brief.notes')}
          <br />
          <textarea
            value={draft.notes}
            onChange={(event) => setDraft({ ...draft, notes: event.target.value })}
            rows={4}
            cols={80}
          />
        </label>
      </p>
      <p>
        <label>
          {t('brief.describe')}{' '}
          <input value={description} onChange={(event) => setDescription(event.target.value)} required size={50} />
        </label>
      </p>
      <SaveFooter label={t('brief.save')} status={status} error={error} />
    </form>
  );
}

export function BriefPage({ id }: { id: string }) {
  return (
    <SignedInRead<BriefAnswer> path={`/briefs/${encodeURIComponent(id)}`}>
      {(data) => <Brief initial={data} />}
    </SignedInRead>
  );
}

function Brief({ initial }: { initial: BriefAnswer }) {
  const { t, lang, formatDate } = useI18n();
  const [saved, setSaved] = useState<BriefAnswer>();
  const brief = saved ?? initial;
  const latest = brief.versions.at(-1)!;
  return (
    <>
      <p>
        <Link to={{ view: 'briefs', lang }}>{t('briefs.title')}</Link>
      </p>
      <h1>{latest.content.title}</h1>
      <Editor brief={initial} onSaved={setSaved} />
      <h2>{t('brief.gaps')}</h2>
      {latest.content.gaps.length === 0 ? (
        <p>{t('mgi.none')}</p>
      ) : (
        <ul data-testid="brief-gaps" lang="en">
          {latest.content.gaps.map((gap) => (
            <li key={gap.domain}>
              {gap.domainName ?? gap.domain}: GCM {gap.gcmObjectives.map((objective) => objective.objective).join(', ')}
              ; SDG {gap.sdgTargets.map((target) => target.target).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('brief.versions')}</h2>
      <ScrollBox label={t('brief.versions')}>
        <table data-testid="brief-versions">
          <caption>{t('brief.versions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('brief.versionHeading')}</th>
              <th scope="col">{t('brief.download')}</th>
            </tr>
          </thead>
          <tbody>
            {[...brief.versions].reverse().map((version) => (
              <tr key={version.version}>
                <th scope="row">
                  {t('brief.version', { version: version.version, description: version.description })} (
                  {formatDate(version.createdAt)})
                </th>
                <td>
                  {(['md', 'pdf', 'docx'] as const).map((format) => (
                    <a
                      key={format}
                      href={`/api/v1/briefs/${encodeURIComponent(brief.id)}/versions/${version.version}.${format}`}
                      download
                      aria-label={t('brief.downloadAs', { version: version.version, format: format.toUpperCase() })}
                      style={{ marginInlineEnd: '0.75em' }}
                    >
                      {format.toUpperCase()}
                    </a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}
