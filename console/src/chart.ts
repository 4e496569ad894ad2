import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Schemas } from '../../client';

type VideoObservation = Schemas['VideoObservationDto'];

/** Views over time as a line chart (uPlot, bundled); one series, time on x. */
export function viewsChart(container: HTMLElement, observations: VideoObservation[]): uPlot {
  const xs = observations.map((o) => Math.floor(new Date(o.observed_at).getTime() / 1000));
  const ys = observations.map((o) => o.views);
  const width = Math.max(280, Math.min(container.clientWidth || 640, 900));
  return new uPlot(
    {
      width,
      height: 260,
      scales: { x: { time: true } },
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
