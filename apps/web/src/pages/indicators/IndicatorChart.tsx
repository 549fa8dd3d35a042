/* @jsxRuntime automatic */
/**
 * An indicator's lines over time as a line or grouped bar chart, with its legend and table inside a
 * ChartFrame (title, accessible description, SVG/PNG downloads, table alternative).
 */
import type { ChartLine } from '@migov/core';
import { ChartFrame } from '../../charts/ChartFrame.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import {
  layoutIndicatorChart,
  MAX_DRAWN_LINES,
  styleOf,
  tableRows,
  type ChartKind,
  type ChartLayout,
  type SeriesStyle,
} from './indicator-chart-state.ts';
import { standardErrorText, valueText } from './indicator-labels.ts';

function Marker({ x, y, style }: { x: number; y: number; style: SeriesStyle }) {
  const size = 4;
  switch (style.marker) {
    case 'square':
      return <rect x={x - size} y={y - size} width={size * 2} height={size * 2} fill={style.colour} />;
    case 'triangle':
      return (
        <polygon
          points={`${x},${y - size - 1} ${x + size + 1},${y + size} ${x - size - 1},${y + size}`}
          fill={style.colour}
        />
      );
    case 'diamond':
      return (
        <polygon
          points={`${x},${y - size - 1} ${x + size + 1},${y} ${x},${y + size + 1} ${x - size - 1},${y}`}
          fill={style.colour}
        />
      );
    default:
      return <circle cx={x} cy={y} r={size} fill={style.colour} />;
  }
}

/** The SVG drawing (left to right whatever the page direction: years run forward). */
function IndicatorChartSvg({
  layout,
  labels,
  title,
  titleId,
  descriptionId,
  formatValue,
}: {
  layout: ChartLayout;
  labels: readonly string[];
  title: string;
  titleId: string;
  descriptionId: string;
  formatValue: (value: number) => string;
}) {
  const { plot } = layout;
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      className="indicator-chart"
      direction="ltr"
      style={{ width: '100%', maxWidth: `${layout.width * 1.25}px`, height: 'auto', display: 'block' }}
    >
      <title id={titleId}>{title}</title>
      {layout.yTicks.map((tick) => (
        <g key={`y${tick.value}`}>
          <line
            x1={plot.left}
            x2={plot.right}
            y1={tick.y}
            y2={tick.y}
            stroke={tick.value === 0 ? '#6b7280' : '#d0d7de'}
          />
          <text x={plot.left - 6} y={tick.y + 4} textAnchor="end" fontSize={11} fill="#444">
            {formatValue(tick.value)}
          </text>
        </g>
      ))}
      {layout.xTicks.map((tick) => (
        <text key={`x${tick.year}`} x={tick.x} y={plot.bottom + 18} textAnchor="middle" fontSize={11} fill="#444">
          {tick.year}
        </text>
      ))}
      {layout.series.map((series, index) => (
        <g key={series.key} data-series={index}>
          {layout.kind === 'bar'
            ? series.bars.map((bar) => (
                <rect
                  key={bar.year}
                  x={bar.x}
                  y={bar.y}
                  width={Math.max(bar.width - 1, 1)}
                  height={bar.height}
                  fill={series.style.colour}
                >
                  <title>{`${labels[index] ?? ''}, ${bar.year}: ${formatValue(bar.value)}`}</title>
                </rect>
              ))
            : series.segments.map((segment) => (
                <polyline
                  key={segment[0]?.year}
                  points={segment.map((point) => `${point.x},${point.y}`).join(' ')}
                  fill="none"
                  stroke={series.style.colour}
                  strokeWidth={2}
                  strokeDasharray={series.style.dash || undefined}
                />
              ))}
          {layout.kind === 'line'
            ? series.points.map((point) => (
                <g key={point.year}>
                  <Marker x={point.x} y={point.y} style={series.style} />
                  <title>{`${labels[index] ?? ''}, ${point.year}: ${point.valueLabel ?? formatValue(point.value)}`}</title>
                </g>
              ))
            : null}
        </g>
      ))}
    </svg>
  );
}

/** The legend's sample of a series: its line with its marker (or a bar swatch). */
function LegendSample({ style, kind }: { style: SeriesStyle; kind: ChartKind }) {
  return (
    <svg width={28} height={12} viewBox="0 0 28 12" aria-hidden="true" direction="ltr">
      {kind === 'bar' ? (
        <rect x={6} y={1} width={16} height={10} fill={style.colour} />
      ) : (
        <>
          <line
            x1={0}
            x2={28}
            y1={6}
            y2={6}
            stroke={style.colour}
            strokeWidth={2}
            strokeDasharray={style.dash || undefined}
          />
          <Marker x={14} y={6} style={style} />
        </>
      )}
    </svg>
  );
}

export interface IndicatorFigureProps {
  lines: readonly ChartLine[];
  /** One label per line. */
  labels: readonly string[];
  kind: ChartKind;
  title: string;
  /** Shown under the chart, e.g. the unit. */
  note?: string;
  filename: string;
}

/** The chart (at most {@link MAX_DRAWN_LINES} lines), legend and full table of an indicator selection. */
export function IndicatorFigure({ lines, labels, kind, title, note, filename }: IndicatorFigureProps) {
  const translator = useI18n();
  const { t } = translator;
  const drawn = lines.slice(0, MAX_DRAWN_LINES);
  const layout = layoutIndicatorChart(drawn, { kind });
  const years = layout.xTicks.map((tick) => tick.year);
  const formatValue = (value: number) => translator.formatNumber(value, { maximumFractionDigits: 2 });
  const rows = tableRows(lines);
  return (
    <>
      {lines.length > drawn.length ? (
        <p>{t('indicators.tooManyLines', { drawn: drawn.length, count: lines.length })}</p>
      ) : null}
      <ChartFrame
        title={title}
        description={t('indicators.chartDescription', {
          kind,
          count: drawn.length,
          from: years[0] ?? '',
          to: years.at(-1) ?? '',
        })}
        filename={filename}
        chart={({ titleId, descriptionId }) => (
          <IndicatorChartSvg
            layout={layout}
            labels={labels}
            title={title}
            titleId={titleId}
            descriptionId={descriptionId}
            formatValue={formatValue}
          />
        )}
        legend={
          <>
            <ul className="legend" aria-label={t('chart.legend')}>
              {drawn.map((line, index) => (
                <li key={line.key}>
                  <LegendSample style={styleOf(index)} kind={kind} />
                  {labels[index]}
                </li>
              ))}
            </ul>
            {note ? <p className="meta">{note}</p> : null}
          </>
        }
        table={
          <>
            <table>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.year')}</th>
                  {lines.map((line, index) => (
                    <th scope="col" key={line.key}>
                      {labels[index]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.year}>
                    <th scope="row">{row.year}</th>
                    {row.cells.map((cell, index) => (
                      <td key={lines[index]!.key} data-status={cell?.status}>
                        {valueText(translator, cell)}
                        {cell?.standardError !== undefined ? (
                          <span className="meta"> ({standardErrorText(translator, cell)})</span>
                        ) : null}
                        {cell?.note ? (
                          <span className="meta" lang="en">
                            {' '}
                            ({cell.note})
                          </span>
                        ) : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        }
      />
    </>
  );
}
