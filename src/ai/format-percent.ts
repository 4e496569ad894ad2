export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
