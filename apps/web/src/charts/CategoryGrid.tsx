/* @jsxRuntime automatic */
/** Draws the 10.7.2 category grid (domains x rounds, each cell coloured and named), and the figure around it: legend, table, downloads. */
import type { LocalizedText } from '@migov/server/api';
import { categoryLabel } from '../app/localized.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Translator } from '../i18n/translator.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { cellKey, layoutCategoryGrid, type CategoryGridLayout, type GridAxisEntry } from './category-grid-state.ts';
import { CATEGORY_COLOURS, NO_DATA_COLOUR, NOT_APPLICABLE_COLOUR, type CategoryClass } from './category-scale.ts';

/** The name of a class in the reader's language. */
function classText(
  translator: Translator,
  cls: CategoryClass,
  bandLabels?: ReadonlyMap<number, LocalizedText>,
): string {
  if (cls.kind === 'category') return categoryLabel(translator, cls.code, bandLabels?.get(cls.code));
  return translator.t(cls.kind === 'no-data' ? 'common.noData' : 'common.notApplicable');
}

export function CategoryGridSvg({
  layout,
  title,
  titleId,
  descriptionId,
  text,
}: {
  layout: CategoryGridLayout;
  title: string;
  titleId: string;
  descriptionId: string;
  text: (cls: CategoryClass) => string;
}) {
  const rowLabel = new Map(layout.rows.map((row) => [row.key, row.label]));
  const columnLabel = new Map(layout.columns.map((column) => [column.key, column.label]));
  return (
    <svg
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      className="category-grid"
      direction="ltr"
    >
      <title id={titleId}>{title}</title>
      {layout.columns.map((column) => (
        <text
          key={`c${column.key}`}
          x={column.x + (layout.cells[0]?.width ?? 0) / 2 + 2}
          y={layout.headerHeight - 8}
          textAnchor="middle"
          fontSize={13}
          fontWeight={600}
          fill="#1d2733"
        >
          {column.label}
        </text>
      ))}
      {layout.rows.map((row) => (
        <text
          key={`r${row.key}`}
          x={layout.labelWidth - 8}
          y={row.y + 19}
          textAnchor="end"
          fontSize={13}
          fill="#1d2733"
        >
          {row.label}
        </text>
      ))}
      {layout.cells.map((cell) => (
        <g key={cellKey(cell.row, cell.column)}>
          <title>{`${rowLabel.get(cell.row) ?? cell.row}, ${columnLabel.get(cell.column) ?? cell.column}: ${text(cell.cls)}`}</title>
          <rect
            x={cell.x}
            y={cell.y}
            width={cell.width}
            height={cell.height}
            rx={4}
            fill={cell.fill}
            stroke="#ffffff"
          />
          <text
            x={cell.x + cell.width / 2}
            y={cell.y + cell.height / 2 + 4}
            textAnchor="middle"
            fontSize={11}
            fill={cell.textColour}
          >
            {text(cell.cls)}
          </text>
        </g>
      ))}
    </svg>
  );
}

export interface CategoryGridFigureProps {
  title: string;
  filename: string;
  /** Rows (domains, the overall result first) and columns (rounds, oldest first). */
  rows: readonly GridAxisEntry[];
  columns: readonly GridAxisEntry[];
  classes: ReadonlyMap<string, CategoryClass>;
  bandLabels?: ReadonlyMap<number, LocalizedText>;
  /** A line under the chart (the source). */
  note?: string;
}

/** The grid in a chart frame, with the four categories as legend and the grid as a table. */
export function CategoryGridFigure({
  title,
  filename,
  rows,
  columns,
  classes,
  bandLabels,
  note,
}: CategoryGridFigureProps) {
  const translator = useI18n();
  const { t } = translator;
  const layout = layoutCategoryGrid(rows, columns, classes);
  const text = (cls: CategoryClass) => classText(translator, cls, bandLabels);
  return (
    <ChartFrame
      title={title}
      description={t('grid.description', {
        rows: rows.length,
        columns: columns.map((column) => column.label).join(', '),
      })}
      filename={filename}
      chart={({ titleId, descriptionId }) => (
        <CategoryGridSvg layout={layout} title={title} titleId={titleId} descriptionId={descriptionId} text={text} />
      )}
      legend={
        <>
          <ul className="legend" aria-label={t('chart.legend')}>
            {CATEGORY_COLOURS.map((colour, index) => (
              <li key={colour}>
                <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true">
                  <rect width={10} height={10} fill={colour} />
                </svg>
                {text({ kind: 'category', code: index + 1, meets: index >= 2 })}
              </li>
            ))}
            {[
              { kind: 'not-applicable' as const, colour: NOT_APPLICABLE_COLOUR },
              { kind: 'no-data' as const, colour: NO_DATA_COLOUR },
            ].map((entry) => (
              <li key={entry.kind}>
                <svg className="swatch" viewBox="0 0 10 10" aria-hidden="true">
                  <rect width={10} height={10} fill={entry.colour} />
                </svg>
                {text({ kind: entry.kind })}
              </li>
            ))}
          </ul>
          {note ? <p className="meta chart-note">{note}</p> : null}
        </>
      }
      table={
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.domain')}</th>
              {columns.map((column) => (
                <th scope="col" key={column.key}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {columns.map((column) => (
                  <td key={column.key}>{text(classes.get(cellKey(row.key, column.key)) ?? { kind: 'no-data' })}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
