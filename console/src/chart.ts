import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Schemas } from '../../client';

type VideoObservation = Schemas['VideoObservationDto'];

/** Views over time as a line chart (uPlot, bundled); one series, time on x. */
export function viewsChart(container: HTMLElement, observations: VideoObservation[]): uPlot {
  const xs = observations.map((o) => Math.floor(new Date(o.observed_at).getTime() / 1000));
  const ys = observations.map((o) => o.views);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const width = Math.max(280, Math.min(container.clientWidth || 640, 900));
  return new uPlot(
    {
      width,
      height: 260,
      // One observation: an hour either side, not uPlot's default span of years.
      scales: { x: { time: true, range: lo === hi ? [lo - 3600, hi + 3600] : [lo, hi] } },
      series: [
        {},
        {
          label: 'Views',
          stroke: '#e4405f',
          width: 2,
          points: { show: true, size: 7, fill: '#e4405f' },
          value: (_u, v) => (v === null ? '–' : Math.round(v).toLocaleString()),
        },
      ],
      axes: [{}, { size: 70, values: (_u, vals) => vals.map((v) => compact(v)) }],
    },
    [xs, ys],
    container,
  );
}

const compactFormat = new Intl.NumberFormat('en', { notation: 'compact' });
const compact = (v: number): string => compactFormat.format(v);
