/**
 * How people refer to an item: its domain's place in the instrument and a letter for its place in
 * the domain ("4b": the second item of the fourth domain), as the 10.7.2 questionnaire numbers its
 * sub-categories. The web form, the Excel template and `migov score` all show this number.
 */
import type { InstrumentVersion } from './model.ts';

/** a, b, … z, aa, ab, …: the letters of a 1-based position. */
function letters(position: number): string {
  let rest = position;
  let text = '';
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    text = String.fromCharCode(97 + digit) + text;
    rest = Math.floor((rest - 1) / 26);
  }
  return text;
}

type NumberedInstrument = Pick<InstrumentVersion, 'domains'>;

/** Every item's display number, in the instrument's order: item id -> number. */
export function itemNumbers(instrument: NumberedInstrument): ReadonlyMap<string, string> {
  const numbers = new Map<string, string>();
  instrument.domains.forEach((domain, domainIndex) =>
    domain.items.forEach((item, itemIndex) => numbers.set(item.id, `${domainIndex + 1}${letters(itemIndex + 1)}`)),
  );
  return numbers;
}

/** The display number of an item ("4b"), or undefined when the instrument has no such item. */
export function itemNumber(instrument: NumberedInstrument, itemId: string): string | undefined {
  return itemNumbers(instrument).get(itemId);
}
