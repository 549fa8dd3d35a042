// `migov score <responses>`: score one assessment by the official method, explained item by item,
// with the fewest changes that would lift each domain and the overall score one category.
import {
  createInstrumentRegistry,
  formatFraction,
  itemNumbers,
  LANGUAGES,
  localize,
  nextCategory,
  optionLabel,
  parseInstrument,
  scoreAssessment,
  type InstrumentVersion,
  type Language,
  type NextCategory,
  type Responses,
} from '@migov/core';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { CliError, EXIT } from '../cli-error.ts';
import { parseStructuredText, readInputFile, writeOutput } from '../io.ts';
import { SCORE_WORDS } from './score-words.ts';

interface ResponsesFile {
  instrument?: string;
  version?: string;
  responses: Record<string, string>;
}

function readResponses(name: string, text: string): ResponsesFile {
  if (/\.csv$/i.test(name)) {
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw new CliError(`${name}: not valid CSV: ${(error as Error).message}`);
    }
    const responses: Record<string, string> = {};
    rows.forEach((row, index) => {
      if (!row.item || row.option === undefined)
        throw new CliError(`${name}: row ${index + 2}: needs the columns item and option`);
      if (row.option !== '') responses[row.item] = row.option;
    });
    return { responses };
  }
  const data = parseStructuredText(name, text);
  if (typeof data !== 'object' || data === null || typeof (data as ResponsesFile).responses !== 'object') {
    throw new CliError(`${name}: expected an object with a "responses" map of item id to option id`);
  }
  const file = data as ResponsesFile;
  for (const [itemId, optionId] of Object.entries(file.responses)) {
    if (typeof optionId !== 'string')
      throw new CliError(`${name}: responses.${itemId}: expected an option id (text), got ${JSON.stringify(optionId)}`);
  }
  return file;
}

/** How the explanation names an item: its display number (core itemNumbers), and its id when that differs. */
function itemNamer(instrument: InstrumentVersion): (itemId: string) => string {
  const numbers = itemNumbers(instrument);
  return (itemId) => {
    const number = numbers.get(itemId) ?? itemId;
    return number === itemId ? number : `${number} (${itemId})`;
  };
}

function describeAdvice(advice: NextCategory, instrument: InstrumentVersion, language: Language): string {
  const words = SCORE_WORDS[language];
  const name = itemNamer(instrument);
  switch (advice.status) {
    case 'top':
      return words.top;
    case 'incomplete':
      return words.notComputed(advice.missing.map(name).join(', '));
    case 'not-applicable':
      return words.notApplicable;
    case 'unreachable':
      return advice.reason;
    case 'reachable': {
      const options = (itemId: string, optionId: string) => {
        const label = optionLabel(instrument, itemId, optionId);
        return label ? localize(label, language) : optionId;
      };
      const changes = advice.changes.map(
        (change) => `${name(change.itemId)} -> "${options(change.itemId, change.toOptionId)}"`,
      );
      return words.changes(
        advice.changes.length,
        localize(advice.next.label, language),
        formatFraction(advice.target, 0),
        changes.join('; '),
      );
    }
  }
}

/** Adds the `score` command. */
export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('score an assessment (JSON, YAML or CSV item,option) and explain it item by item')
    .argument(
      '<responses>',
      'responses file: {"instrument","version","responses":{"1a":"yes-regardless",…}} or CSV with columns item,option',
    )
    .option('--instrument <id@version>', 'instrument, when the file does not name it', 'sdg-10-7-2@2019')
    .option('--instrument-file <file>', 'score with an instrument loaded from a JSON or YAML file')
    .option(
      '--language <code>',
      `language of the explanation: ${LANGUAGES.join(', ')} (the instrument's texts where it has them in that language)`,
      'en',
    )
    .option('--json', 'print the full result as JSON')
    .action(
      async (
        path: string,
        options: { instrument: string; instrumentFile?: string; language: Language; json?: boolean },
      ) => {
        if (!(LANGUAGES as readonly string[]).includes(options.language))
          throw new CliError(`invalid --language: ${options.language} (one of ${LANGUAGES.join(', ')})`, EXIT.usage);
        const file = await readInputFile(path);
        const input = readResponses(file.name, new TextDecoder().decode(file.bytes));
        const extra: InstrumentVersion[] = [];
        if (options.instrumentFile) {
          const instrumentFile = await readInputFile(options.instrumentFile);
          const parsed = parseInstrument(
            parseStructuredText(instrumentFile.name, new TextDecoder().decode(instrumentFile.bytes)),
          );
          if (!parsed.ok)
            throw new CliError(
              `${options.instrumentFile}: ${parsed.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`,
            );
          extra.push(parsed.instrument);
        }
        const [defaultId = 'sdg-10-7-2', defaultVersion] = options.instrument.split('@');
        const registry = createInstrumentRegistry(extra);
        let instrument: InstrumentVersion;
        try {
          instrument = registry.get(
            input.instrument ?? (extra[0]?.instrument || defaultId),
            input.version ?? (extra[0]?.version || defaultVersion),
          );
        } catch (error) {
          throw new CliError((error as Error).message, EXIT.usage);
        }
        const responses: Responses = input.responses;
        const result = scoreAssessment(instrument, responses);
        if (result.status === 'invalid') {
          throw new CliError(result.problems.map((problem) => `${path}: ${problem.message}`).join('\n'));
        }
        const advice = nextCategory(instrument, responses);
        if (options.json) {
          const number = (value: { num: number; den: number }) => value.num / value.den;
          const numbers = itemNumbers(instrument);
          const json = {
            instrument: `${instrument.instrument}@${instrument.version}`,
            status: result.status,
            overall:
              result.overall.status === 'scored'
                ? {
                    status: 'scored',
                    code: result.overall.code,
                    score: number(result.overall.score),
                    category: result.overall.band.code,
                  }
                : result.overall,
            domains: result.domains.map((domain) => ({
              code: domain.code,
              status: domain.status,
              ...(domain.status === 'scored' ? { score: number(domain.score), category: domain.band.code } : {}),
              ...(domain.status === 'incomplete' ? { missing: domain.missing } : {}),
              items: domain.items.map((item) => ({
                item: item.itemId,
                number: numbers.get(item.itemId),
                status: item.status,
                option: item.optionId,
                score: item.score ? number(item.score) : null,
                max: number(item.maxScore),
              })),
              nextCategory: advice.domains[domain.domainId],
            })),
            nextCategory: advice.overall,
          };
          return writeOutput(
            `${JSON.stringify(json, (_key, value) => (value && typeof value === 'object' && 'num' in value && 'den' in value ? value.num / value.den : value), 2)}\n`,
          );
        }
        const language = options.language;
        const words = SCORE_WORDS[language];
        const name = itemNamer(instrument);
        const lines = [`${instrument.instrument}@${instrument.version}: ${localize(instrument.title, language)}`];
        // Said rather than silently shown in English: the instrument has no text of its own in this language.
        if (instrument.title[language] === undefined) lines.push(words.untranslated);
        for (const domain of result.domains) {
          const definition = instrument.domains.find((entry) => entry.id === domain.domainId);
          const heading = definition ? localize(definition.label, language) : domain.code;
          const status =
            domain.status === 'scored'
              ? `${formatFraction(domain.score, 0)} -> ${domain.band.code} ${localize(domain.band.label, language)}`
              : domain.status === 'incomplete'
                ? words.incomplete(domain.missing.map(name).join(', '))
                : words.notApplicable;
          lines.push('', `${domain.code} ${heading}: ${status}`);
          for (const item of domain.items) {
            const score = item.score
              ? `${formatFraction(item.score, 1)} ${words.of} ${formatFraction(item.maxScore, 0)}`
              : words.status[item.status];
            lines.push(`  ${name(item.itemId).padEnd(4)} ${(item.optionId ?? words.noAnswer).padEnd(16)} ${score}`);
          }
          lines.push(
            `  ${words.nextCategory}: ${describeAdvice(advice.domains[domain.domainId] ?? { status: 'not-applicable' }, instrument, language)}`,
          );
        }
        const overall = result.overall;
        lines.push(
          '',
          overall.status === 'scored'
            ? `${words.overall} (${overall.code}): ${formatFraction(overall.score, 2)} -> ${overall.band.code} ${localize(overall.band.label, language)}`
            : `${words.overall} (${overall.code}): ${overall.status === 'incomplete' ? words.incomplete(overall.missing.map(name).join(', ')) : words.notApplicable}`,
          `  ${words.nextCategory}: ${describeAdvice(advice.overall, instrument, language)}`,
        );
        await writeOutput(`${lines.join('\n')}\n`);
        if (result.status === 'incomplete') process.exitCode = EXIT.refused;
      },
    );
}
