/** Names of dimensions, codes and lines of indicator charts in the reader's language (codes the product does not know are shown as written). */
import type { ChartLine } from '@migov/core';
import type { Translator } from '../../i18n/translator.ts';
import type { AreaIndex } from '../public-data.ts';
import { areaName } from '../../app/localized.ts';
import { normalizeAreaCode } from '../../charts/category-scale.ts';

const AGE_RANGE = /^Y(\d{1,3})T(\d{1,3})$/;
const AGE_FROM = /^Y_?GE(\d{1,3})$/;
const POLICY_DOMAIN = /^DOMAIN(\d)$/;

export function dimensionName(translator: Translator, id: string): string {
  return translator.t('indicators.dimension', { id });
}

/** A dimension code: SDG age codes (Y15T24, Y_GE65) and policy domains read as words; others by the catalogue, else as written. */
export function codeLabel(translator: Translator, id: string, code: string): string {
  const range = AGE_RANGE.exec(code);
  if (range) return translator.t('indicators.ageRange', { from: Number(range[1]), to: Number(range[2]) });
  const from = AGE_FROM.exec(code);
  if (from) return translator.t('indicators.ageFrom', { from: Number(from[1]) });
  const domain = POLICY_DOMAIN.exec(code);
  if (domain && id === 'POLICY_DOMAINS') return translator.t('indicators.policyDomain', { number: Number(domain[1]) });
  if (code === '_T' && id === 'AGE') return translator.t('indicators.code', { code: 'ALLAGE' });
  return translator.t('indicators.code', { code });
}

/** A line named by the dimensions that vary between the lines drawn (or "All values" when nothing varies). */
export function lineLabel(translator: Translator, line: ChartLine, varying: readonly string[]): string {
  const parts = varying
    .filter((id) => line.dimensions[id] !== undefined)
    .map((id) => codeLabel(translator, id, line.dimensions[id]!));
  return parts.length > 0 ? parts.join(', ') : translator.t('indicators.wholeLine');
}

/** An area by its M49 code, in the reader's language when the API gives its ISO code. */
export function areaLabel(areas: AreaIndex, code: string, lang: Translator['lang']): string {
  const area = areas.get(normalizeAreaCode(code));
  return area ? areaName(area, lang) : code;
}

/** A value as the reader's language writes numbers; a label given by the source (`<0.5`, `N`) wins; a value suppressed for too few observations (OBS_STATUS O) says so. */
export function valueText(
  translator: Translator,
  point: { value: number | null; valueLabel?: string; status?: string } | undefined,
): string {
  if (!point) return '–';
  if (point.value === null && point.status === 'O') return translator.t('indicators.suppressed');
  if (point.valueLabel !== undefined)
    return point.valueLabel === 'N' ? translator.t('common.notApplicable') : point.valueLabel;
  return point.value === null
    ? translator.t('common.notApplicable')
    : translator.formatNumber(point.value, { maximumFractionDigits: 2 });
}

/** The sampling standard error of a point, e.g. `SE 3.44`; empty when the source gives none. */
export function standardErrorText(translator: Translator, point: { standardError?: number } | undefined): string {
  if (point?.standardError === undefined) return '';
  return translator.t('indicators.standardError', {
    se: translator.formatNumber(point.standardError, { maximumFractionDigits: 2 }),
  });
}
