/* @jsxRuntime automatic */
/** A chart with its title, an accessible description, a table alternative and SVG/PNG downloads. */
import { createContext, useContext, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useNavigation } from '../app/router-context.tsx';
import { ScrollBox } from '../app/ScrollBox.tsx';
import { downloadPng, downloadSvg } from './chart-download.ts';

/** In the static publication: renders each chart to an SVG file to write, and gives its URL (the browser bundle never renders to strings). */
export interface StaticChartFiles {
  add(filename: string, chart: ReactNode): string;
}

export const StaticChartFilesContext = createContext<StaticChartFiles | undefined>(undefined);

export interface ChartFrameProps {
  title: string;
  description: string;
  /** File name (without extension) of downloads. */
  filename: string;
  /** Draws the chart: receives the ids its `<svg>` must reference for its accessible name. */
  chart: (ids: { titleId: string; descriptionId: string }) => ReactNode;
  table: ReactNode;
  legend?: ReactNode;
}

export function ChartFrame({ title, description, filename, chart, table, legend }: ChartFrameProps) {
  const { t } = useI18n();
  const { live } = useNavigation();
  const files = useContext(StaticChartFilesContext);
  const id = useId();
  const container = useRef<HTMLDivElement>(null);
  const svg = () => container.current?.querySelector('svg');
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-title">
        {title}
      </figcaption>
      <div ref={container} className="chart-body">
        {chart({ titleId: `${id}-title`, descriptionId: `${id}-description` })}
      </div>
      {legend}
      <p id={`${id}-description`} className="visually-hidden">
        {description}
      </p>
      <div className="chart-tools">
        {live ? (
          <>
            <button
              type="button"
              onClick={() => {
                const element = svg();
                if (element) downloadSvg(element, filename);
              }}
            >
              {t('chart.downloadSvg')}
            </button>
            <button
              type="button"
              onClick={() => {
                const element = svg();
                if (element) void downloadPng(element, filename);
              }}
            >
              {t('chart.downloadPng')}
            </button>
          </>
        ) : files ? (
          <a
            href={files.add(filename, chart({ titleId: `${id}-file-title`, descriptionId: `${id}-file-description` }))}
            download
          >
            {t('chart.downloadSvg')}
          </a>
        ) : null}
      </div>
      <details className="chart-table">
        <summary>{t('chart.showTable')}</summary>
        <ScrollBox label={title}>{table}</ScrollBox>
      </details>
    </figure>
  );
}
