/** The one rounding rule for scores and response numbers: `Math.round` at `decimals` places. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
