/* @jsxRuntime automatic */
/** Draws horizontal percentage bars from a precomputed layout. */
import type { BarLayout } from './bar-chart-state.ts';

export function BarChart({
  layout,
  titleId,
  descriptionId,
  title,
  formatValue,
}: {
  layout: BarLayout;
  titleId: string;
  descriptionId: string;
  title: string;
  formatValue: (value: number) => string;
}) {
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      className="bar-chart"
      direction="ltr"
    >
      <title id={titleId}>{title}</title>
      {layout.ticks.map((tick) => (
        <g key={tick.value}>
          <line x1={tick.x} x2={tick.x} y1={16} y2={layout.height - 8} stroke="#d0d7de" />
          <text x={tick.x} y={12} textAnchor="middle" fontSize={11} fill="#444">
            {formatValue(tick.value)}
          </text>
        </g>
      ))}
      {layout.bars.map((bar) => (
        <g key={bar.key}>
          <text
            x={layout.labelWidth - 8}
            y={bar.y + layout.rowHeight / 2 + 4}
            textAnchor="end"
            fontSize={13}
            fill="#1d2733"
          >
            {bar.label}
          </text>
          <rect x={layout.labelWidth} y={bar.y + 4} width={bar.width} height={layout.rowHeight - 8} fill="#31688e" />
          <text x={layout.labelWidth + bar.width + 6} y={bar.y + layout.rowHeight / 2 + 4} fontSize={12} fill="#1d2733">
            {bar.value === undefined
              ? '–'
              : `${formatValue(bar.value)}${bar.denominator !== undefined ? ` (${bar.numerator}/${bar.denominator})` : ''}`}
          </text>
        </g>
      ))}
    </svg>
  );
}
