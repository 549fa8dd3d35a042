/**
 * zod schemas of what the indicator API returns and stores (catalogue entries, datasets, chart
 * series) and of the options an import or chart request takes, so routes validate with the same
 * rules and publish them in OpenAPI.
 */
import { z } from 'zod';
import type { IndicatorDefinition } from './catalogue.ts';
import type { ChartSeries, ChartSeriesOptions } from './chart-series.ts';
import type { IndicatorDataset } from './dataset.ts';
import { SERIES_CODE } from './dataset.ts';

const m49 = z.string().regex(/^[1-9]\d{0,2}$/, 'an M49 code without leading zeros');
const year = z.number().int().min(1900).max(2200);
const componentMap = z.record(z.string().min(1).max(200), z.string().max(20_000));
const status = z.enum(['sourced', 'unverified']);

/** A catalogue entry. */
export const indicatorDefinitionSchema = z.object({
  id: z.string(),
  goal: z.string(),
  target: z.string(),
  targetText: z.string(),
  titles: z
    .array(
      z.object({
        title: z.string(),
        from: year.optional(),
        until: year.optional(),
        source: z.string(),
        status,
        note: z.string().optional(),
      }),
    )
    .min(1),
  custodians: z.array(z.string()),
  custodianSource: z.string(),
  custodianNote: z.string().optional(),
  migrationRelevance: z.string(),
  tier: z.object({
    value: z.enum(['I', 'II', 'III']).nullable(),
    asInSource: z.string(),
    status: z.enum(['as-in-source', 'stale', 'unverified']),
    source: z.string(),
    note: z.string().optional(),
  }),
  definition: z.object({ text: z.string(), source: z.string() }).optional(),
  series: z.array(z.object({ code: z.string(), source: z.string(), status })),
}) satisfies z.ZodType<IndicatorDefinition>;

const observationSchema = z.object({
  area: m49,
  year,
  value: z.number().finite().nullable(),
  valueLabel: z.string().max(100).optional(),
  dimensions: componentMap,
  attributes: componentMap,
});

/** A dataset of one series of a catalogue indicator. */
export const indicatorDatasetSchema = z.object({
  indicator: z.string(),
  series: z.string().regex(SERIES_CODE),
  unit: z.string().max(200).optional(),
  seriesDescription: z.string().max(2_000).optional(),
  observations: z.array(observationSchema),
}) satisfies z.ZodType<IndicatorDataset>;

/** What a chart request may select (see chartSeries). */
export const chartSeriesOptionsSchema = z
  .object({
    areas: z.array(m49).max(300).optional(),
    where: z
      .record(z.string().min(1).max(200), z.union([z.string().max(200), z.array(z.string().max(200)).max(100)]))
      .optional(),
    years: z.object({ min: year.optional(), max: year.optional() }).strict().optional(),
  })
  .strict() satisfies z.ZodType<ChartSeriesOptions>;

/** Chart-ready series (see chartSeries). */
export const chartSeriesSchema = z.object({
  indicator: z.string(),
  series: z.string(),
  unit: z.string().optional(),
  titles: indicatorDefinitionSchema.shape.titles,
  varying: z.array(z.string()),
  dimensions: z.record(z.string(), z.array(z.string())),
  lines: z.array(
    z.object({
      key: z.string(),
      area: m49,
      dimensions: componentMap,
      label: z.string(),
      points: z.array(
        z.object({
          year,
          value: z.number().nullable(),
          valueLabel: z.string().optional(),
          standardError: z.number().optional(),
          status: z.string().optional(),
          note: z.string().optional(),
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<ChartSeries>;
