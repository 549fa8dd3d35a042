/* @jsxRuntime automatic */
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import '../i18n/catalogues/index.ts';
import { getTranslator } from '../i18n/translator.ts';
import { I18nContext } from '../i18n/i18n-context.tsx';
import {
  CATEGORY_COLOURS,
  CATEGORY_TEXT_COLOURS,
  NO_DATA_COLOUR,
  NOT_APPLICABLE_COLOUR,
  type CategoryClass,
} from '../charts/category-scale.ts';
import { CategoryBadge } from './shared.tsx';

const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
const rule = (selector: string) => new RegExp(`\\${selector} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';

describe('the category badge', () => {
  const render = (cls: CategoryClass) =>
    renderToStaticMarkup(
      <I18nContext.Provider value={getTranslator('en')}>
        <CategoryBadge cls={cls} />
      </I18nContext.Provider>,
    );

  it.each([
    [{ kind: 'category', code: 1, meets: false } as CategoryClass, 'badge-c1', 'Requires further progress'],
    [{ kind: 'category', code: 4, meets: true } as CategoryClass, 'badge-c4', 'Fully meets'],
    [{ kind: 'category', code: 9, meets: true } as CategoryClass, 'badge-c4', 'Category 9'],
    [{ kind: 'no-data' } as CategoryClass, 'badge-no-data', 'No data'],
    [{ kind: 'not-applicable' } as CategoryClass, 'badge-not-applicable', 'Not applicable'],
  ])('%o is a named badge of class %s, without a style attribute (strict CSP)', (cls, tone, text) => {
    expect(render(cls)).toBe(`<span class="badge ${tone}">${text}</span>`);
  });

  it('takes the map’s colours from the stylesheet, with contrasting text', () => {
    CATEGORY_COLOURS.forEach((colour, index) => {
      expect(rule(`.badge-c${index + 1}`)).toContain(`background: ${colour};`);
      expect(rule(`.badge-c${index + 1}`)).toContain(`color: ${CATEGORY_TEXT_COLOURS[index]};`);
    });
    expect(rule('.badge-no-data')).toContain(`background: ${NO_DATA_COLOUR};`);
    expect(rule('.badge-not-applicable')).toContain(`background: ${NOT_APPLICABLE_COLOUR};`);
  });
});
