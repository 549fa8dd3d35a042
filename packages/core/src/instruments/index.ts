// Instruments as data: the model, the built-in 10.7.2 versions, the registry, translations and item numbers.
export * from './model.ts';
export * from './sdg-10-7-2.data.ts';
export * from './registry.ts';
export * from './translations.ts';
export * from './item-number.ts';
export * from './option-label.ts';
