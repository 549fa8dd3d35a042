/* @jsxRuntime automatic */
/**
 * A published MGI-style profile: per dimension the well-developed areas and the areas with potential
 * for further development, what changed since the previous published round, and the answers with
 * their evidence. No score and no ranking: the MGI is not one.
 */
import { useI18n } from '../../i18n/i18n-context.tsx';
import { pickText } from '../../app/localized.ts';
import type { MgiPublishedProfile } from '@migov/server/api';
import { levelKey, profileDimensions } from './governance-data.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';

function AreaList({ areas, testId }: { areas: string[]; testId: string }) {
  const { t } = useI18n();
  if (areas.length === 0) return <p data-testid={testId}>{t('mgi.none')}</p>;
  return (
    <ul data-testid={testId} lang="en">
      {areas.map((area) => (
        <li key={area}>{area}</li>
      ))}
    </ul>
  );
}

export function MgiProfilePage({ data }: { data: MgiPublishedProfile }) {
  const { t, lang, formatDate } = useI18n();
  const changes = data.changes;
  const moved =
    changes?.dimensions.filter(
      (dimension) => dimension.becameWellDeveloped.length + dimension.newlyFurtherDevelopment.length > 0,
    ) ?? [];
  return (
    <>
      <h1>{t('mgi.title', { name: data.jurisdictionName, year: data.year })}</h1>
      <p>
        {t('governance.roundKind', { kind: data.roundKind })} · {t('governance.level', { level: data.level })} ·{' '}
        <span lang="en">{pickText(data.instrumentTitle, lang)}</span>
      </p>
      <p>{t('mgi.notRanking')}</p>
      {data.profile.status !== 'invalid' && data.profile.exampleWording ? (
        <p className="notice">{t('mgi.example')}</p>
      ) : null}
      {data.approval ? (
        <p>
          {t('mgi.approved', {
            authority: data.approval.authority,
            date: formatDate(data.approval.at),
            published: data.publishedAt ? formatDate(data.publishedAt) : '',
          })}
        </p>
      ) : null}
      {data.consultedMinistries.length > 0 ? (
        <p>{t('mgi.consulted', { ministries: data.consultedMinistries.join('; ') })}</p>
      ) : null}

      <section aria-labelledby="mgi-changes" data-testid="mgi-changes">
        <h2 id="mgi-changes">{changes ? t('mgi.changes', { year: changes.since.year }) : t('mgi.changesHeading')}</h2>
        {!changes ? <p>{t('mgi.firstRound')}</p> : null}
        {changes && moved.length === 0 ? <p>{t('mgi.noChanges', { year: changes.since.year })}</p> : null}
        {moved.length > 0 ? (
          <ScrollBox label={changes ? t('mgi.changes', { year: changes.since.year }) : t('mgi.changesHeading')}>
            <table>
              <caption>{changes ? t('mgi.changes', { year: changes.since.year }) : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mgi.dimension')}</th>
                  <th scope="col">{t('mgi.becameWellDeveloped')}</th>
                  <th scope="col">{t('mgi.newlyFurther')}</th>
                </tr>
              </thead>
              <tbody>
                {moved.map((dimension) => (
                  <tr key={dimension.dimensionId}>
                    <th scope="row" lang="en">
                      {dimension.label}
                    </th>
                    <td lang="en">{dimension.becameWellDeveloped.join('; ') || '—'}</td>
                    <td lang="en">{dimension.newlyFurtherDevelopment.join('; ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        ) : null}
      </section>

      {profileDimensions(data.profile).map((dimension) => (
        <section
          key={dimension.dimensionId}
          aria-labelledby={`dimension-${dimension.dimensionId}`}
          data-testid={`dimension-${dimension.dimensionId}`}
        >
          <h2 id={`dimension-${dimension.dimensionId}`} lang="en">
            {dimension.label}
          </h2>
          <h3>{t('mgi.wellDeveloped')}</h3>
          <AreaList areas={dimension.wellDeveloped} testId="well-developed" />
          <h3>{t('mgi.furtherDevelopment')}</h3>
          <AreaList areas={dimension.furtherDevelopment} testId="further-development" />
          {dimension.incomplete.length > 0 ? (
            <>
              <h3>{t('mgi.incomplete')}</h3>
              <AreaList areas={dimension.incomplete} testId="incomplete" />
            </>
          ) : null}
          <details>
            <summary>{t('mgi.answers')}</summary>
            <ScrollBox label={t('mgi.answers')}>
              <table>
                <caption>{t('mgi.answers')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('mgi.item')}</th>
                    <th scope="col">{t('mgi.answer')}</th>
                    <th scope="col">{t('mgi.evidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {dimension.areas.flatMap((area) =>
                    area.items.map((item) => (
                      <tr key={item.itemId}>
                        <th scope="row" lang="en">
                          {item.itemId} {item.text}
                        </th>
                        <td>{t('mgi.level', { level: levelKey(item.level) })}</td>
                        <td>{item.evidence ?? ''}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </ScrollBox>
          </details>
        </section>
      ))}
    </>
  );
}
