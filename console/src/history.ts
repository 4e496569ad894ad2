import { api, asProblem, data, type ApiProblem } from './api';
import { viewsChart } from './chart';
import { append, clear, h } from './dom';
import { formatTime, formatWhole } from './format';
import { problemNote, unavailableNote } from './problem';

const HISTORY_WHY = 'This server keeps no analysis history (the history store is not available).';

function showProblem(target: HTMLElement, problem: ApiProblem): void {
  clear(target);
  target.appendChild(
    problem.unavailable ? unavailableNote('History', HISTORY_WHY, problem) : problemNote(problem),
  );
}

/** History: a creator's stored analyses, and a video's views over time as a line chart. */
export function historyView(root: HTMLElement, params: URLSearchParams): void {
  const creator = h('input', {
    id: 'history-creator',
    required: true,
    placeholder: 'name or @name',
    value: params.get('creator') ?? '',
  });
  const creatorForm = h(
    'form',
    { class: 'inline-form' },
    h('label', { for: 'history-creator' }, 'Creator'),
    creator,
    h('button', { type: 'submit' }, 'Show analyses'),
  );
  const analyses = h('div', { id: 'analyses' });
  const video = h('input', {
    id: 'history-video',
    required: true,
    placeholder: 'video id',
    inputmode: 'numeric',
    value: params.get('video') ?? '',
  });
  const videoForm = h(
    'form',
    { class: 'inline-form' },
    h('label', { for: 'history-video' }, 'Video'),
    video,
    h('button', { type: 'submit' }, 'Show views over time'),
  );
  const videoOut = h('div', { id: 'video-history' });
  append(
    root,
    h('section', { class: 'panel' }, h('h2', {}, 'Stored analyses'), creatorForm, analyses),
    h('section', { class: 'panel' }, h('h2', {}, 'Views over time'), videoForm, videoOut),
  );

  const loadAnalyses = async () => {
    const username = creator.value.trim().replace(/^@/, '');
    analyses.textContent = 'Loading…';
    try {
      const page = await data(
        api.GET('/api/v1/creators/{username}/analyses', {
          params: { path: { username }, query: { limit: 20 } },
        }),
      );
      clear(analyses);
      if (page.analyses.length === 0) {
        analyses.textContent = `No stored analyses of @${username} yet.`;
        return;
      }
      const rows = page.analyses.map((a) =>
        h(
          'tr',
          {},
          h('td', {}, formatTime(a.analyzed_at)),
          h('td', {}, a.ai_source),
          h('td', {}, a.hashtags.map((t) => `#${t}`).join(' ')),
          h('td', { class: 'num' }, a.trend_count),
          h('td', { class: 'num' }, a.units_charged),
          h(
            'td',
            {},
            h('a', { href: `#/analyse?analysis=${encodeURIComponent(a.id)}` }, 'Open'),
            ' · ',
            h(
              'a',
              {
                href: `/api/v1/analyses/${encodeURIComponent(a.id)}/trends.csv`,
                download: `trends-${username}.csv`,
              },
              'CSV',
            ),
          ),
        ),
      );
      analyses.appendChild(
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { id: 'analyses-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['When', 'AI', 'Hashtags', 'Trends', 'Units', ''].map((c) => h('th', {}, c)),
              ),
            ),
            h('tbody', {}, ...rows),
          ),
        ),
      );
    } catch (error) {
      showProblem(analyses, asProblem(error));
    }
  };

  const loadVideo = async () => {
    const id = video.value.trim();
    videoOut.textContent = 'Loading…';
    try {
      const history = await data(
        api.GET('/api/v1/videos/{id}/history', { params: { path: { id } } }),
      );
      clear(videoOut);
      const chart = h('div', { class: 'chart', id: 'views-chart' });
      videoOut.appendChild(chart);
      viewsChart(chart, history.observations);
      const n = history.observations.length;
      videoOut.appendChild(
        h(
          'p',
          { class: 'muted' },
          n === 1
            ? 'One observation so far: the line grows with each new sighting.'
            : `${n} observations.`,
        ),
      );
      videoOut.appendChild(
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['Observed', 'Views', 'Likes', 'Comments', 'Shares'].map((c) => h('th', {}, c)),
              ),
            ),
            h(
              'tbody',
              {},
              ...history.observations.map((o) =>
                h(
                  'tr',
                  {},
                  h('td', {}, formatTime(o.observed_at)),
                  ...[o.views, o.likes, o.comments, o.shares].map((v) =>
                    h('td', { class: 'num' }, formatWhole(v)),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      showProblem(videoOut, asProblem(error));
    }
  };

  creatorForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void loadAnalyses();
  });
  videoForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void loadVideo();
  });
  if (creator.value) void loadAnalyses();
  if (video.value) void loadVideo();
}
