/**
 * Plain TypeScript versions of the textbook estimators, written record by record with no SQL, for
 * checking the DuckDB implementation on small data. Formulas: Wolter (2007) §6.11; Lohr (2022) §9.1.
 */

/** One canonical record, as the estimator sees it. */
export interface ReferenceRecord {
  stratum: string;
  psu: string;
  weight: number;
  /** In the denominator of the indicator and in the domain (cell). */
  inDomain: boolean;
  /** Numerator indicator (only read when inDomain). */
  y: number;
  replicateWeights?: number[];
}

/** R̂ = Σ w y / Σ w over the domain. */
export function referenceRatio(
  records: readonly ReferenceRecord[],
  weightOf: (r: ReferenceRecord) => number = (r) => r.weight,
): number {
  let numerator = 0;
  let denominator = 0;
  for (const record of records) {
    if (!record.inDomain) continue;
    numerator += weightOf(record) * record.y;
    denominator += weightOf(record);
  }
  return numerator / denominator;
}

/** PSU totals of a per-record linearized variable, for every PSU of the design (zero where the domain is absent). */
function psuTotals(
  records: readonly ReferenceRecord[],
  zOf: (r: ReferenceRecord) => number,
): Map<string, Map<string, number>> {
  const strata = new Map<string, Map<string, number>>();
  for (const record of records) {
    const psus = strata.get(record.stratum) ?? new Map<string, number>();
    psus.set(record.psu, (psus.get(record.psu) ?? 0) + zOf(record));
    strata.set(record.stratum, psus);
  }
  return strata;
}

/** v = Σ_h n_h/(n_h−1) Σ_i (z_hi − z̄_h)², two-pass. */
function withReplacementVariance(totals: Map<string, Map<string, number>>): number {
  let variance = 0;
  for (const psus of totals.values()) {
    const values = [...psus.values()];
    const count = values.length;
    const mean = values.reduce((sum, value) => sum + value, 0) / count;
    const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
    variance += (count / (count - 1)) * squares;
  }
  return variance;
}

/** Linearized variable of a domain ratio: z_k = w_k (y_k − R̂) / X̂ on domain records, 0 elsewhere. */
function ratioLinearized(records: readonly ReferenceRecord[]): (r: ReferenceRecord) => number {
  const ratio = referenceRatio(records);
  let total = 0;
  for (const record of records) if (record.inDomain) total += record.weight;
  return (record) => (record.inDomain ? (record.weight * (record.y - ratio)) / total : 0);
}

/** Taylor variance of a domain ratio. */
export function referenceRatioVariance(records: readonly ReferenceRecord[]): number {
  return withReplacementVariance(psuTotals(records, ratioLinearized(records)));
}

/** Taylor variance of P = R_a / R_b, where a and b are two domains of the same records. */
export function referenceParityVariance(a: readonly ReferenceRecord[], b: readonly ReferenceRecord[]): number {
  const ra = referenceRatio(a);
  const rb = referenceRatio(b);
  const parity = ra / rb;
  const za = ratioLinearized(a);
  const zb = ratioLinearized(b);
  // a and b list the same records in the same order, with different domain flags
  const combined = a.map((record, index) => ({
    record,
    z: (za(record) - parity * zb(b[index] as ReferenceRecord)) / rb,
  }));
  const zByRecord = new Map(combined.map((entry) => [entry.record, entry.z]));
  return withReplacementVariance(psuTotals(a, (record) => zByRecord.get(record) ?? 0));
}

/** Replicate variance c Σ_r (θ_r − θ̂)². */
export function referenceReplicateVariance(full: number, replicates: readonly number[], scale: number): number {
  return scale * replicates.reduce((sum, value) => sum + (value - full) ** 2, 0);
}
