/**
 * The server's log as people and machines want it. `json` is pino's own line per event (for
 * deployments that collect logs). `text`, the default in a terminal, is one short line per answered
 * request (`GET /api/v1/results 200 3 ms`) and one line per warning or error; the framework's
 * "incoming request" lines are left out.
 */
import type { FastifyServerOptions } from 'fastify';

const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** A log format from its name (the --log-format option, MIGOV_LOG_FORMAT); undefined for none. */
export function parseLogFormat(value: string | undefined): LogFormat | undefined {
  if (value === undefined || value === '') return undefined;
  const format = value.trim().toLowerCase();
  if ((LOG_FORMATS as readonly string[]).includes(format)) return format as LogFormat;
  throw new Error(`unknown log format "${value}" (expected ${LOG_FORMATS.join(' or ')})`);
}

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

interface PinoLine {
  level?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; type?: string };
}

/** Turns pino's JSON lines into short human-readable lines, written to `out`. */
function textLogStream(out: (line: string) => void): { write(chunk: string): void } {
  // The request line of each request still open, by request id: the completion line names only the id.
  const open = new Map<string, string>();
  return {
    write(chunk: string) {
      for (const text of chunk.split('\n')) {
        if (text.trim() === '') continue;
        let line: PinoLine;
        try {
          line = JSON.parse(text) as PinoLine;
        } catch {
          out(text);
          continue;
        }
        if (line.msg === 'incoming request' && line.reqId !== undefined) {
          open.set(line.reqId, `${line.req?.method ?? '?'} ${line.req?.url ?? '?'}`);
          continue;
        }
        if (line.msg === 'request completed' && line.reqId !== undefined) {
          const request = open.get(line.reqId) ?? 'request';
          open.delete(line.reqId);
          out(`${request} ${line.res?.statusCode ?? '?'} ${Math.round(line.responseTime ?? 0)} ms`);
          continue;
        }
        const level = LEVEL_NAMES[line.level ?? 30] ?? 'INFO';
        const error = line.err?.message && line.err.message !== line.msg ? `: ${line.err.message}` : '';
        out(`${level} ${line.msg ?? ''}${error}`);
      }
    },
  };
}

/** The logger options for a server started for real, in the given format and level. */
export function loggerOptions(
  format: LogFormat,
  level: string,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): FastifyServerOptions['logger'] {
  return format === 'json' ? { level } : { level, stream: textLogStream(out) };
}
