import type { Trend } from '../../client';
import { h, image } from './dom';
import { formatAge, formatCount, formatWhole } from './format';

/** The four score components, in the order and colours of the breakdown bar. */
export const COMPONENTS = ['velocity', 'engagement', 'reach', 'freshness'] as const;

/** The score as a bar of its four components: each segment is the points it contributed. */
export function breakdownBar(trend: Trend): HTMLElement {
  const { points, weights } = trend.score_breakdown;
  const bar = h('div', {
    class: 'breakdown',
    role: 'img',
    'aria-label': COMPONENTS.map((c) => `${c} ${points[c].toFixed(1)}`).join(', '),
  });
  for (const component of COMPONENTS) {
    const value = points[component];
    const segment = h('span', {
      class: `segment ${component}`,
      title: `${component}: ${value.toFixed(1)} of ${Math.round(weights[component] * 100)} points`,
    });
    segment.style.width = `${Math.max(0, Math.min(100, value))}%`;
    bar.appendChild(segment);
  }
  return bar;
}

export function trendCard(
  trend: Trend,
  rank: number,
  onHistory: (id: string) => void,
): HTMLElement {
  const historyButton = h('button', { type: 'button', class: 'link-button' }, 'Views over time');
  historyButton.addEventListener('click', () => onHistory(trend.id));
  const stat = (label: string, value: string) =>
    h('div', {}, h('dt', {}, label), h('dd', {}, value));
  return h(
    'article',
    { class: 'trend-card', 'data-id': trend.id, 'data-hashtags': trend.matched_hashtags.join(' ') },
    h(
      'a',
      { class: 'cover-link', href: trend.tiktok_url, target: '_blank', rel: 'noopener noreferrer' },
      image(trend.cover_image_url, `Cover of the video by @${trend.author.username}`, 'cover'),
      h('span', { class: 'rank' }, `#${rank}`),
    ),
    h(
      'div',
      { class: 'trend-body' },
      h(
        'div',
        { class: 'author' },
        image(trend.author.avatar_url, `@${trend.author.username}`, 'avatar small'),
        h('span', {}, `@${trend.author.username}`),
        trend.author.is_verified ? h('span', { class: 'verified', title: 'Verified' }, '✓') : null,
      ),
      h('p', { class: 'caption' }, trend.caption || '(no caption)'),
      h(
        'dl',
        { class: 'stats' },
        stat('Views', formatCount(trend.views)),
        stat('Likes', formatCount(trend.likes)),
        stat('Comments', formatCount(trend.comments)),
        stat('Shares', formatCount(trend.shares)),
        stat('Age', formatAge(trend.age_hours)),
      ),
      h(
        'div',
        { class: 'score-row' },
        h('span', { class: 'score', title: 'Trend score, 0–100' }, trend.trend_score.toFixed(1)),
        h('span', { class: 'tags' }, trend.matched_hashtags.map((t) => `#${t}`).join(' ')),
      ),
      breakdownBar(trend),
      h(
        'div',
        { class: 'card-actions' },
        h(
          'a',
          { href: trend.tiktok_url, target: '_blank', rel: 'noopener noreferrer' },
          'Open on TikTok',
        ),
        historyButton,
      ),
      h('p', { class: 'muted' }, `${formatWhole(Math.round(trend.views_per_hour))} views/hour`),
    ),
  );
}
