import type { AnalyzeResponse, AnalyzeStreamEvents, Trend } from '../../client';
import { api, ApiProblem, asProblem, data, type StreamEvent } from './api';
import { append, clear, h, image } from './dom';
import { formatCount, formatTime } from './format';
import { problemNote } from './problem';
import { streamAnalysis } from './stream';
import { COMPONENTS, trendCard } from './trend-card';

type SortKey = 'score' | 'views' | 'likes' | 'velocity' | 'newest';
const SORTS: Record<SortKey, [string, (a: Trend, b: Trend) => number]> = {
  score: ['Score', (a, b) => b.trend_score - a.trend_score],
  views: ['Views', (a, b) => b.views - a.views],
  likes: ['Likes', (a, b) => b.likes - a.likes],
  velocity: ['Views per hour', (a, b) => b.views_per_hour - a.views_per_hour],
  newest: ['Newest', (a, b) => a.age_hours - b.age_hours],
};
/** profile, posts, hashtags, one search per hashtag (5 picked), result. */
const DEFAULT_STEPS = 3 + 5 + 1;

export interface AnalyseOptions {
  showVideoHistory: (videoId: string) => void;
}

/** Analyse: creator in, live progress from the stream, then the profile, picks and ranked trends. */
export function analyseView(
  root: HTMLElement,
  params: URLSearchParams,
  options: AnalyseOptions,
): void {
  const input = h('input', {
    id: 'creator',
    name: 'profile_url',
    required: true,
    autocomplete: 'off',
    placeholder: 'name, @name or https://www.tiktok.com/@name',
    value: params.get('creator') ?? '',
  });
  const limit = h('input', {
    id: 'limit',
    name: 'limit',
    type: 'number',
    min: 1,
    max: 50,
    value: 20,
  });
  const submit = h('button', { type: 'submit' }, 'Analyse');
  const form = h(
    'form',
    { class: 'analyse-form' },
    h('label', { for: 'creator' }, 'Creator'),
    input,
    h('label', { for: 'limit' }, 'Trends'),
    limit,
    submit,
  );
  const progress = h('progress', { id: 'analysis-progress', max: DEFAULT_STEPS, value: 0 });
  const progressLabel = h('p', { id: 'progress-label', 'aria-live': 'polite' });
  const steps = h('ol', { id: 'steps', class: 'steps' });
  const progressBox = h(
    'section',
    { class: 'progress-box', hidden: true },
    progress,
    progressLabel,
    steps,
  );
  const output = h('div', { id: 'analysis' });
  append(
    root,
    h('section', { class: 'panel' }, h('h2', {}, 'Analyse a creator'), form),
    progressBox,
    output,
  );

  let running: AbortController | undefined;

  const step = (name: string, text: string) => {
    progress.value = Math.min(progress.max, progress.value + 1);
    progressLabel.textContent = text;
    steps.appendChild(h('li', { 'data-event': name }, text));
  };

  const onEvent = (event: StreamEvent) => {
    switch (event.type) {
      case 'profile':
        step('profile', `Profile loaded: @${event.data.username}`);
        clear(output);
        output.appendChild(profileCard(event.data));
        break;
      case 'posts':
        step('posts', `${event.data.count} recent posts read`);
        break;
      case 'hashtags':
        progress.max = 3 + event.data.hashtags.length + 1;
        step(
          'hashtags',
          `Hashtags picked (${event.data.ai_source === 'openai' ? 'AI' : 'local extractor'})`,
        );
        output.appendChild(hashtagList(event.data.reasons));
        break;
      case 'search':
        step(
          'search',
          event.data.status === 'done'
            ? `#${event.data.hashtag}: ${event.data.found} videos found`
            : `#${event.data.hashtag}: search failed`,
        );
        break;
      case 'result':
        progress.value = progress.max;
        progressLabel.textContent =
          event.data.meta.cache === 'HIT' ? 'Done (served from the cache)' : 'Done';
        steps.appendChild(
          h('li', { 'data-event': 'result' }, `${event.data.trends.length} trends ranked`),
        );
        renderResult(output, event.data, options);
        break;
      case 'error':
        progressLabel.textContent = 'Failed';
        steps.appendChild(h('li', { 'data-event': 'error' }, event.data.error));
        clear(output);
        output.appendChild(problemNote(new ApiProblem(0, event.data.code, event.data.error)));
        break;
    }
  };

  const run = async () => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    progressBox.hidden = false;
    progress.max = DEFAULT_STEPS;
    progress.value = 0;
    progressLabel.textContent = 'Starting…';
    clear(steps);
    clear(output);
    submit.disabled = true;
    try {
      await streamAnalysis(
        { profile_url: input.value.trim(), limit: Number(limit.value) || 20 },
        onEvent,
        controller.signal,
      );
    } catch (error) {
      if (controller.signal.aborted) return;
      progressLabel.textContent = 'Failed';
      clear(output);
      output.appendChild(problemNote(asProblem(error)));
    } finally {
      if (running === controller) submit.disabled = false;
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });

  const stored = params.get('analysis');
  if (stored) void showStored(stored, output, options);
  else if (input.value) void run();
}

async function showStored(id: string, output: HTMLElement, options: AnalyseOptions): Promise<void> {
  try {
    const body = await data(api.GET('/api/v1/analyses/{id}', { params: { path: { id } } }));
    renderResult(output, body, options);
  } catch (error) {
    output.appendChild(problemNote(asProblem(error)));
  }
}

function profileCard(profile: AnalyzeStreamEvents['profile']): HTMLElement {
  return h(
    'section',
    { class: 'panel profile-card', id: 'profile-card' },
    image(profile.avatar_url, `@${profile.username}`, 'avatar'),
    h(
      'div',
      {},
      h('h2', {}, profile.nickname || profile.username, profile.is_verified ? ' ✓' : ''),
      h(
        'p',
        { class: 'muted' },
        h(
          'a',
          { href: profile.profile_url, target: '_blank', rel: 'noopener noreferrer' },
          `@${profile.username}`,
        ),
        profile.source === 'demo' ? h('span', { class: 'badge demo' }, 'demo data') : null,
      ),
      h(
        'p',
        { class: 'profile-stats' },
        `${formatCount(profile.follower_count)} followers · ${formatCount(profile.likes_count)} likes · ${formatCount(profile.video_count)} videos`,
      ),
      profile.bio ? h('p', { class: 'bio' }, profile.bio) : null,
    ),
  );
}

function hashtagList(insights: AnalyzeStreamEvents['hashtags']['reasons']): HTMLElement {
  return h(
    'section',
    { class: 'panel', id: 'hashtags' },
    h('h3', {}, 'Niche hashtags'),
    h(
      'ul',
      { class: 'hashtags' },
      ...insights.map((i) =>
        h('li', {}, h('span', { class: 'chip' }, `#${i.hashtag}`), ' ', i.reason),
      ),
    ),
  );
}

function renderResult(output: HTMLElement, body: AnalyzeResponse, options: AnalyseOptions): void {
  clear(output);
  const meta = body.meta;
  const analysisId = meta.analysis_id;
  output.appendChild(profileCard(body.profile));
  output.appendChild(hashtagList(body.hashtag_insights));

  const metaLine = h(
    'p',
    { class: 'meta' },
    meta.data_source === 'demo'
      ? h('span', { class: 'badge demo', id: 'demo-badge' }, 'Demo data: not live TikTok data')
      : h('span', { class: 'badge live' }, 'live data'),
    ` Analysed ${formatTime(meta.generated_at)} · ${meta.cache === 'HIT' ? 'from cache' : `${meta.duration_ms} ms`} · ${meta.units_charged} units`,
  );
  const warnings = meta.warnings.length
    ? h('ul', { class: 'warnings' }, ...meta.warnings.map((w) => h('li', {}, w)))
    : null;

  const sort = h('select', { id: 'sort', 'aria-label': 'Sort by' });
  for (const [key, [label]] of Object.entries(SORTS))
    sort.appendChild(h('option', { value: key }, label));
  const filter = h(
    'select',
    { id: 'filter', 'aria-label': 'Filter by hashtag' },
    h('option', { value: '' }, 'All hashtags'),
  );
  for (const tag of body.hashtags) filter.appendChild(h('option', { value: tag }, `#${tag}`));
  const csv = analysisId
    ? h(
        'a',
        {
          class: 'button',
          id: 'csv',
          href: `/api/v1/analyses/${encodeURIComponent(analysisId)}/trends.csv`,
          download: `trends-${body.profile.username}.csv`,
        },
        'Download CSV',
      )
    : h(
        'span',
        { class: 'muted', id: 'csv-unavailable' },
        'CSV export needs the history store (no analysis id).',
      );
  const cards = h('div', { class: 'trend-grid', id: 'trends' });
  const count = h('span', { class: 'muted' });

  const renderCards = () => {
    const [, compare] = SORTS[sort.value as SortKey] ?? SORTS.score;
    const shown = body.trends.filter(
      (t) => !filter.value || t.matched_hashtags.includes(filter.value),
    );
    const ranks = new Map(body.trends.map((t, i) => [t.id, i + 1]));
    clear(cards);
    for (const trend of [...shown].sort(compare)) {
      cards.appendChild(trendCard(trend, ranks.get(trend.id) ?? 0, options.showVideoHistory));
    }
    count.textContent = `${shown.length} of ${body.trends.length} trends`;
  };
  sort.addEventListener('change', renderCards);
  filter.addEventListener('change', renderCards);

  const legend = h(
    'p',
    { class: 'legend' },
    'Score bar: ',
    ...COMPONENTS.map((c) => h('span', { class: `key ${c}` }, c)),
  );
  append(
    output,
    h(
      'section',
      { class: 'panel' },
      h('h3', {}, 'Summary'),
      h('p', {}, body.analysis_summary),
      metaLine,
      warnings,
    ),
    h(
      'section',
      { class: 'panel' },
      h(
        'div',
        { class: 'toolbar' },
        h('label', {}, 'Sort ', sort),
        h('label', {}, 'Hashtag ', filter),
        csv,
        count,
      ),
      legend,
      cards,
    ),
  );
  renderCards();
}
