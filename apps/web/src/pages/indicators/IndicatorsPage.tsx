/* @jsxRuntime automatic */
/** The catalogue of migration-related SDG indicators: id, current title, custodians, tier and how many datasets are published. */
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../app/router-context.tsx';
import type { IndicatorsData } from './indicators-data.ts';
import { ScrollBox } from '../../app/ScrollBox.tsx';

export function IndicatorsPage({ data }: { data: IndicatorsData }) {
  const { t, lang } = useI18n();
  // The catalogue's texts are the UN's English wordings.
  const english = lang === 'en' ? {} : { lang: 'en' };
  return (
    <>
      <h1>{t('indicators.title')}</h1>
      <p>{t('indicators.intro')}</p>
      <ScrollBox label={t('indicators.title')}>
        <table data-testid="indicators-table">
          <caption className="visually-hidden">{t('indicators.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.indicator')}</th>
              <th scope="col">{t('indicators.indicatorTitle')}</th>
              <th scope="col">{t('indicators.custodians')}</th>
              <th scope="col">{t('indicators.tier')}</th>
              <th scope="col">{t('indicators.datasets')}</th>
            </tr>
          </thead>
          <tbody>
            {data.indicators.map((indicator) => (
              <tr key={indicator.id}>
                <th scope="row">
                  <Link to={{ view: 'indicator', lang, id: indicator.id }}>{indicator.id}</Link>
                </th>
                <td {...english}>{indicator.title.title}</td>
                <td {...english}>{indicator.custodians.join(', ')}</td>
                <td>{t('indicators.tierValue', { tier: indicator.tier.value ?? 'none' })}</td>
                <td>{t('indicators.datasetCount', { count: indicator.datasets })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}
