/* @jsxRuntime automatic */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { BarChart } from './BarChart.tsx';
import { ChoroplethMap } from './ChoroplethMap.tsx';
import { layoutBars } from './bar-chart-state.ts';
import { CategoryGridSvg } from './CategoryGrid.tsx';
import { cellKey, layoutCategoryGrid } from './category-grid-state.ts';
import { projectWorld } from './world-map-state.ts';
import type { CategoryClass } from './category-scale.ts';

/** Two square "countries" and one without an id, in a fixed topology. */
const topology = {
  type: 'Topology',
  arcs: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [20, 0],
      [30, 0],
      [30, 10],
      [20, 10],
      [20, 0],
    ],
    [
      [40, 0],
      [45, 0],
      [45, 5],
      [40, 0],
    ],
  ],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', id: '004', properties: { name: 'Afghanistan' }, arcs: [[0]] },
        { type: 'Polygon', id: '840', properties: { name: 'United States of America' }, arcs: [[1]] },
        { type: 'Polygon', properties: { name: 'Somaliland' }, arcs: [[2]] },
      ],
    },
  },
} as unknown as Topology;

describe('chart drawings (SVG snapshots of fixed data)', () => {
  it('draws the choropleth: linked, named countries; shapes without a code are decorative', () => {
    const classes = new Map<string, CategoryClass>([
      ['4', { kind: 'category', code: 2, meets: false }],
      ['840', { kind: 'not-applicable' }],
    ]);
    const html = renderToStaticMarkup(
      <ChoroplethMap
        geometry={projectWorld(topology, 200, 100)}
        classes={classes}
        describe={(code, name, cls) => `${name} (${code ?? '-'}): ${cls.kind === 'category' ? cls.code : cls.kind}`}
        hrefFor={(code) => `/en/country/${code}/`}
        title="Test map"
        titleId="t"
        descriptionId="d"
      />,
    );
    expect(html).toContain('aria-label="Afghanistan (4): 2"');
    expect(html).toContain('href="/en/country/840/"');
    expect(html).not.toContain('/country/undefined');
    expect(html).toMatchSnapshot();
  });

  it('draws shapes without a profile (no M49 area of their own) unlinked, in a neutral fill, without a value', () => {
    const html = renderToStaticMarkup(
      <ChoroplethMap
        geometry={projectWorld(topology, 200, 100)}
        classes={new Map<string, CategoryClass>([['840', { kind: 'category', code: 4, meets: true }]])}
        describe={(code, name) => `${name} (${code ?? '-'})`}
        hrefFor={(code) => `/en/country/${code}/`}
        hasProfile={(code) => code !== '840'}
        title="Test map"
        titleId="t"
        descriptionId="d"
      />,
    );
    expect(html).toContain('href="/en/country/4/"');
    expect(html).not.toContain('/country/840/');
    expect(html).toContain('<g aria-hidden="true" class="map-no-area" data-atlas-code="840"><path');
    expect(html).not.toContain('#440154');
  });

  it('draws the bar chart', () => {
    const layout = layoutBars(
      [
        { key: '419', label: 'Latin America and the Caribbean', value: 62.5, numerator: 5, denominator: 8 },
        { key: '202', label: 'Sub-Saharan Africa', value: undefined },
      ],
      { width: 500, labelWidth: 200 },
    );
    const html = renderToStaticMarkup(
      <BarChart layout={layout} title="Regions" titleId="t" descriptionId="d" formatValue={(value) => `${value}%`} />,
    );
    expect(html).toContain('62.5% (5/8)');
    expect(html).toMatchSnapshot();
  });
  it('draws the category grid: named cells, never a numeric axis', () => {
    const layout = layoutCategoryGrid(
      [
        { key: 'ALLDOMAINS', label: 'All domains' },
        { key: 'DOMAIN1', label: 'Migrant rights' },
      ],
      [
        { key: '2019', label: '2019' },
        { key: '2021', label: '2021' },
      ],
      new Map<string, CategoryClass>([
        [cellKey('ALLDOMAINS', '2019'), { kind: 'category', code: 2, meets: false }],
        [cellKey('ALLDOMAINS', '2021'), { kind: 'category', code: 4, meets: true }],
        [cellKey('DOMAIN1', '2019'), { kind: 'not-applicable' }],
      ]),
    );
    const names: Record<string, string> = {
      'category-2': 'Partially meets',
      'category-4': 'Fully meets',
      'not-applicable': 'Not applicable',
      'no-data': 'No data',
    };
    const html = renderToStaticMarkup(
      <CategoryGridSvg
        layout={layout}
        title="Mexico"
        titleId="t"
        descriptionId="d"
        text={(cls) => names[cls.kind === 'category' ? `category-${cls.code}` : cls.kind]!}
      />,
    );
    expect(html).toContain('<title>All domains, 2021: Fully meets</title>');
    expect(html).toContain('<title>Migrant rights, 2021: No data</title>');
    expect(html).not.toContain('style=');
    expect(html).toMatchSnapshot();
  });
});
