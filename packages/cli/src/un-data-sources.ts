// Where the official SDG 10.7.2 data lives online, and how to ask for it. Both services publish the
// UN SDG Global Database: the SDG API answers a CSV (POST Series/DataCSV), the UN SDMX registry an
// SDMX-CSV of dataflow IAEG-SDGs:DF_SDG_GLH. Base URLs can be overridden (mirrors, tests).
import { CliError, EXIT } from './cli-error.ts';

export const UN_SOURCES = {
  'sdg-api': {
    description: 'UN SDG API (unstats.un.org), SDG API CSV',
    baseUrl: 'https://unstats.un.org/sdgapi',
  },
  sdmx: {
    description: 'UN SDMX registry (data.un.org), SDMX-CSV of IAEG-SDGs:DF_SDG_GLH',
    baseUrl: 'https://data.un.org/ws/rest',
  },
} as const;
export type UnSource = keyof typeof UN_SOURCES;

/** The HTTP request that downloads the given series from a source. */
export function unDataRequest(
  source: UnSource,
  series: readonly string[],
  baseUrl: string = UN_SOURCES[source].baseUrl,
): { url: string; init: RequestInit } {
  const base = baseUrl.replace(/\/+$/, '');
  if (source === 'sdg-api') {
    const body = new URLSearchParams();
    for (const code of series) body.append('seriesCodes', code);
    return {
      url: `${base}/v1/sdg/Series/DataCSV`,
      init: {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/octet-stream, text/csv' },
      },
    };
  }
  // Key positions of DF_SDG_GLH: FREQ.REPORTING_TYPE.SERIES.REF_AREA.SEX.AGE.…(15 dimensions); empty = all.
  const key = ['', '', series.join('+'), '', '', '', '', '', '', '', '', '', '', '', ''].join('.');
  return {
    url: `${base}/data/IAEG-SDGs,DF_SDG_GLH/${key}/ALL/?detail=full&dimensionAtObservation=TIME_PERIOD&format=csv`,
    init: { method: 'GET', headers: { accept: 'application/vnd.sdmx.data+csv, text/csv' } },
  };
}

/**
 * Download with a time limit and a size bound, reporting progress. Network failures and HTTP errors
 * become one-line errors naming the URL.
 */
export async function download(
  url: string,
  init: RequestInit,
  options: { timeoutMs: number; maxBytes: number; onProgress?: (bytes: number) => void },
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${options.timeoutMs / 1000} s`
        : (error as Error).message;
    throw new CliError(`${url}: cannot be reached: ${reason}`, EXIT.unavailable);
  }
  if (!response.ok)
    throw new CliError(`${url}: answered HTTP ${response.status} ${response.statusText}`, EXIT.unavailable);
  if (!response.body) throw new CliError(`${url}: answered with an empty body`, EXIT.unavailable);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > options.maxBytes) {
      await reader.cancel();
      throw new CliError(`${url}: the answer is larger than ${options.maxBytes} bytes; refused`, EXIT.refused);
    }
    chunks.push(value);
    options.onProgress?.(size);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
