/* @jsxRuntime automatic */
/** The list of inter-State consultation mechanisms on migration: type, founding years with their sources when they conflict, member count. */
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../app/router-context.tsx';
import type { PartnershipsData } from './partnerships-data.ts';
import { FoundingYears, MemberCount, TypeName } from './partnership-parts.tsx';
import { ScrollBox } from '../../app/ScrollBox.tsx';

export function PartnershipsPage({ data }: { data: PartnershipsData }) {
  const { t, lang } = useI18n();
  const processes = [...data.processes].sort((left, right) => left.name.localeCompare(right.name, lang));
  return (
    <>
      <h1>{t('partnerships.title')}</h1>
      <p>{t('partnerships.intro')}</p>
      {processes.length === 0 ? (
        <p>{t('partnerships.none')}</p>
      ) : (
        <ScrollBox label={t('partnerships.title')}>
          <table data-testid="partnerships-table">
            <caption>{t('partnerships.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partnerships.name')}</th>
                <th scope="col">{t('partnerships.acronym')}</th>
                <th scope="col">{t('partnerships.type')}</th>
                <th scope="col">{t('partnerships.founded')}</th>
                <th scope="col">{t('partnerships.members')}</th>
              </tr>
            </thead>
            <tbody>
              {processes.map((process) => (
                <tr key={process.id}>
                  <th scope="row">
                    <Link to={{ view: 'partnership', lang, id: process.id }} lang="en">
                      {process.name}
                    </Link>
                  </th>
                  <td lang="en">{process.acronym}</td>
                  <td>
                    <TypeName type={process.type} />
                  </td>
                  <td>
                    <FoundingYears founding={process.founding} />
                  </td>
                  <td>
                    <MemberCount process={process} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
