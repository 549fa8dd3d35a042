/**
 * The label of an item's answer: the option of the item's response scale, found from ids as
 * responses store them. The web form, the review, the country profile and `migov score` show it.
 */
import type { InstrumentVersion, LocalizedText } from './model.ts';

type LabelledInstrument = Pick<InstrumentVersion, 'domains' | 'scales'>;

/** The label of option `optionId` of item `itemId`; undefined for an unknown item or option (or no answer). */
export function optionLabel(
  instrument: LabelledInstrument,
  itemId: string,
  optionId: string | null | undefined,
): LocalizedText | undefined {
  if (optionId === undefined || optionId === null) return undefined;
  for (const domain of instrument.domains) {
    const item = domain.items.find((entry) => entry.id === itemId);
    if (item) return instrument.scales[item.scale]?.find((option) => option.id === optionId)?.label;
  }
  return undefined;
}
