/**
 * The young generation of a serving process. Each request makes short-lived objects; with V8's
 * semi-spaces at 16 MiB (V8 before 13: Node 22 and 20) they are collected in many scavenges, and
 * 32 MiB per semi-space takes about 10% off the CPU of a cached public answer for at most 48 MiB
 * more memory under load (docs/scaling.md). V8 13 and later (Node 24) size the semi-spaces from the
 * machine's memory (64 MiB on a 24 GiB machine): they are left alone. A size the operator gave, on
 * the command line or in NODE_OPTIONS, always wins.
 */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=32';

/** The Node options to add to a serving process started with `execArgv` and `nodeOptions` on V8 `v8Version`. */
export function youngGenerationArgv(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
  v8Version: string = process.versions.v8,
): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((option) =>
    /^--max[-_]semi[-_]space[-_]size\b/.test(option),
  );
  return given || Number(v8Version.split('.')[0]) >= 13 ? [] : [YOUNG_GENERATION_FLAG];
}
