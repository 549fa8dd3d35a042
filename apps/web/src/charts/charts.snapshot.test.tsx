/* @jsxRuntime automatic */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { BarChart } from './BarChart.tsx';
import { ChoroplethMap } from './ChoroplethMap.tsx';
import { layoutBars } from './bar-chart-state.ts';
import { projectWorld } from './world-map-state.ts';
import type { CategoryClass } from './category-scale.ts';

/** Two square "countries" and one without an id, in a fixed topology. */
const topology = {
  type: 'Topology',
  arcs: [
    [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
    [[20, 0], [30, 0], [30, 10], [20, 10], [20, 0]],
    [[40, 0], [45, 0], [45, 5], [40, 0]],
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

  it('draws the bar chart', () => {
    const layout = layoutBars(
      [
        { key: '419', label: 'Latin America and the Caribbean', value: 62.5, numerator: 5, denominator: 8 },
        { key: '202', label: 'Sub-Saharan Africa', value: undefined },
      ],
      { width: 500, labelWidth: 200 },
    );
    const html = renderToStaticMarkup(<BarChart layout={layout} title="Regions" titleId="t" descriptionId="d" formatValue={(value) => `${value}%`} />);
    expect(html).toContain('62.5% (5/8)');
    expect(html).toMatchSnapshot();
  });
});
