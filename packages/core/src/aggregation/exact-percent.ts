/**
 * Exact percentages: a share of countries is kept as a fraction of two integers and rounded only
 * when it is formatted, so that float error never moves a published figure.
 */

/** `numerator / denominator` of whole counts, e.g. 60 of 111 countries. */
export interface CountFraction {
  numerator: number;
  denominator: number;
}

function assertCounts(fraction: CountFraction): void {
  const { numerator, denominator } = fraction;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`invalid fraction: ${numerator}/${denominator} (whole counts, denominator > 0)`);
  }
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15)
    throw new RangeError(`invalid decimals: ${decimals}`);
}

/** The closest double to 100 x numerator / denominator (one correctly rounded division). */
export function percentValue(fraction: CountFraction): number {
  assertCounts(fraction);
  return (100 * fraction.numerator) / fraction.denominator;
}

/**
 * 100 x numerator / denominator rounded half up to `decimals` places, computed exactly.
 * @example formatPercent({ numerator: 60, denominator: 111 }, 1) // "54.1"
 */
export function formatPercent(fraction: CountFraction, decimals: number): string {
  assertCounts(fraction);
  assertDecimals(decimals);
  const scale = 10n ** BigInt(decimals);
  const scaled = 100n * BigInt(fraction.numerator) * scale;
  const denominator = BigInt(fraction.denominator);
  let units = scaled / denominator;
  if (2n * (scaled % denominator) >= denominator) units += 1n;
  if (decimals === 0) return units.toString();
  const digits = units.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** {@link formatPercent} as a number. */
export function roundPercent(fraction: CountFraction, decimals: number): number {
  return Number(formatPercent(fraction, decimals));
}

/** How many decimals the shortest spelling of a number has (`54.1` -> 1, `55` -> 0, `62.31884` -> 5). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`invalid value: ${value}`);
  const text = String(Math.abs(value));
  const exponent = /e([+-]\d+)$/.exec(text);
  const mantissa = exponent ? text.slice(0, exponent.index) : text;
  const point = mantissa.indexOf('.');
  const mantissaDecimals = point === -1 ? 0 : mantissa.length - point - 1;
  return Math.max(0, mantissaDecimals - (exponent ? Number(exponent[1]) : 0));
}

/**
 * Whether a figure published to `decimals` places is 100 x numerator / denominator, correctly
 * rounded: |100 k / n - published| <= half a unit of the last place (a tie counts either way).
 */
export function matchesPublished(fraction: CountFraction, published: number, decimals: number): boolean {
  assertCounts(fraction);
  assertDecimals(decimals);
  if (!Number.isFinite(published)) return false;
  const scale = 10n ** BigInt(decimals);
  const publishedUnits = BigInt(Math.round(published * Number(scale)));
  const denominator = BigInt(fraction.denominator);
  const difference = 100n * BigInt(fraction.numerator) * scale - publishedUnits * denominator;
  const absolute = difference < 0n ? -difference : difference;
  return 2n * absolute <= denominator;
}
