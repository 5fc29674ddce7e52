/**
 * True when the suite runs in CI (`CI` set, as every CI service does, and not `false` or `0`).
 * In CI a suite that would be skipped for a missing browser or database fails instead.
 */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
