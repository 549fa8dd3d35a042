// `migov instruments list | show | validate | schema`: the instruments migov knows and instrument files.
import {
  createInstrumentRegistry,
  instrumentJsonSchema,
  localize,
  parseInstrument,
  LANGUAGES,
  type Language,
} from '@migov/core';
import type { Command } from 'commander';
import { CliError, EXIT } from '../cli-error.ts';
import { parseStructuredText, readInputFile, writeOutput } from '../io.ts';

function parseLanguage(value: string): Language {
  if (!(LANGUAGES as readonly string[]).includes(value))
    throw new CliError(`invalid --language: ${value} (one of ${LANGUAGES.join(', ')})`, EXIT.usage);
  return value as Language;
}

/** Adds the `instruments` command group. */
export function registerInstrumentsCommands(program: Command): void {
  const instruments = program
    .command('instruments')
    .description('list, show and validate instruments (questionnaires as data)');

  instruments
    .command('list')
    .description('list the instruments and their versions')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const rows = createInstrumentRegistry()
        .list()
        .map((entry) => ({
          instrument: entry.instrument,
          version: entry.version,
          kind: entry.kind,
          validFrom: entry.validFrom ?? '',
          items: entry.domains.reduce((count, domain) => count + domain.items.length, 0),
          languages: entry.languages.join(','),
          title: entry.title.en,
        }));
      if (options.json) return writeOutput(`${JSON.stringify(rows, null, 2)}\n`);
      const lines = rows.map(
        (row) =>
          `${row.instrument}@${row.version}\t${row.kind}\tfrom ${row.validFrom}\t${row.items} items\t${row.languages}\t${row.title}`,
      );
      await writeOutput(`${lines.join('\n')}\n`);
    });

  instruments
    .command('show')
    .description('show an instrument version: domains, items, options and scores')
    .argument('<instrument>', 'instrument id, optionally with @version (e.g. sdg-10-7-2@2019)')
    .option('--language <code>', `language (${LANGUAGES.join(', ')})`, 'en')
    .option('--json', 'print the instrument as JSON')
    .action(async (reference: string, options: { language: string; json?: boolean }) => {
      const [id = '', version] = reference.split('@');
      const language = parseLanguage(options.language);
      let instrument;
      try {
        instrument = createInstrumentRegistry().get(id, version);
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.usage);
      }
      if (options.json) return writeOutput(`${JSON.stringify(instrument, null, 2)}\n`);
      const lines = [
        `${instrument.instrument}@${instrument.version} (${instrument.kind}): ${localize(instrument.title, language)}`,
      ];
      for (const domain of instrument.domains) {
        lines.push(
          '',
          `${domain.code}  ${localize(domain.label, language)}${domain.migof ? `  [MiGOF ${domain.migof}]` : ''}`,
        );
        for (const item of domain.items) {
          const options = (instrument.scales[item.scale] ?? [])
            .map((option) => `${option.id}${option.score === undefined ? '' : `=${option.score}`}`)
            .join(' | ');
          lines.push(
            `  ${item.id.padEnd(5)} ${localize(item.text, language)}${item.wording === 'official' ? '' : ` (${item.wording} wording)`}`,
          );
          lines.push(`        ${options}`);
        }
      }
      if (instrument.scoring) {
        lines.push('', 'Categories:');
        for (const band of instrument.scoring.bands)
          lines.push(
            `  ${band.code}  from ${band.min}  ${localize(band.label, language)}${band.meets ? '  (counts as meeting)' : ''}`,
          );
      }
      await writeOutput(`${lines.join('\n')}\n`);
    });

  instruments
    .command('validate')
    .description('validate an instrument file (JSON or YAML) against the published schema')
    .argument('<file>', 'instrument file')
    .option('--json', 'print the result as JSON')
    .action(async (path: string, options: { json?: boolean }) => {
      const file = await readInputFile(path);
      const data = parseStructuredText(file.name, new TextDecoder().decode(file.bytes));
      const result = parseInstrument(data);
      if (options.json) {
        await writeOutput(
          `${JSON.stringify(result.ok ? { ok: true, instrument: `${result.instrument.instrument}@${result.instrument.version}` } : { ok: false, problems: result.problems.map((problem) => ({ file: path, ...problem })) }, null, 2)}\n`,
        );
      } else if (result.ok) {
        await writeOutput(
          `${path}: valid ${result.instrument.kind} instrument ${result.instrument.instrument}@${result.instrument.version}\n`,
        );
      } else {
        await writeOutput(
          result.problems.map((problem) => `${path}: ${problem.path}: ${problem.message}`).join('\n') + '\n',
        );
      }
      if (!result.ok)
        throw new CliError(
          `${path}: ${result.problems.length} problem(s); the instrument was not accepted`,
          EXIT.refused,
        );
    });

  instruments
    .command('schema')
    .description('print the JSON Schema of instrument files')
    .action(async () => writeOutput(`${JSON.stringify(instrumentJsonSchema(), null, 2)}\n`));
}
