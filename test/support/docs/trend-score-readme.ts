import { TREND_SCORE_PARAMS, TREND_SCORE_WEIGHTS } from '../../../src/trends/trend-score';

const W = TREND_SCORE_WEIGHTS;
const P = TREND_SCORE_PARAMS;
const IW = P.interactionWeights;

/** The README's trend-score section, rendered from the constants the code scores with. */
export const TREND_SCORE_FORMULA_MD = `### Trend score

\`score = 100 × (${W.velocity}·velocity + ${W.engagement}·engagement + ${W.reach}·reach + ${W.freshness}·freshness)\`,
rounded to 2 decimals, always in [0, 100]. Every component is in [0, 1] and depends only on the
video itself, its earlier observation (if any) and the time of the analysis (never on the other
videos), so a score is reproducible from its \`score_breakdown\`.

| component | formula | why |
|---|---|---|
| velocity | \`min(1, log10(1 + views_per_hour) / log10(1 + ${P.velocityCapViewsPerHour}))\`; \`views_per_hour\` is observed — \`max(0, views − views_then) / hours_since_then\` from the oldest stored observation between 48 h and \`HISTORY_VELOCITY_MIN_GAP_S\` ago (\`velocity_source: "observed"\`) — or else the lifetime estimate \`views / max(age_hours, ${P.minAgeHours})\` (\`"lifetime"\`) | how fast it is gathering views; log scale, so 10× faster is a constant step |
| engagement | \`rate = (${IW.likes}·likes + ${IW.comments}·comments + ${IW.shares}·shares + ${IW.favorites}·favorites + ${P.engagementPriorRate}·${P.engagementPriorViews}) / (views + ${P.engagementPriorViews})\`, \`engagement = rate / (rate + ${P.engagementHalfRate})\` | how strongly viewers react; the prior (a ${P.engagementPriorRate * 100} % rate worth ${P.engagementPriorViews} views) keeps a 40-view video with 20 likes from topping the list |
| reach | \`min(1, log10(1 + views / (followers + ${P.reachFollowerFloor})) / log10(1 + ${P.reachCapRatio}))\`; \`${P.reachNeutral}\` when the follower count is unknown | how far the video travels beyond its author's own audience |
| freshness | \`0.5 ^ (age_hours / ${P.freshnessHalfLifeHours})\` | newer trends first; halves every ${P.freshnessHalfLifeHours} h |

- \`age_hours = max(0, now − posted)\`: a video stamped in the future (clock skew) counts as brand new.
- Counts that are missing, negative or not finite count as 0 (fractions are floored, everything
  is capped at ${P.maxCount}), so zero views or zero followers never produce NaN or Infinity.
- The score never falls when likes, comments, shares or favorites rise, and never rises as a video
  ages with the same counters.
- \`score_breakdown\` holds the four components, the \`weights\`, the \`points\` each component
  contributed (100 × weight × component), \`views_per_hour\` and its \`velocity_source\`,
  \`engagement_rate\` (plain
  \`(likes + comments + shares) / views\`, 0 with no views), \`smoothed_engagement_rate\`,
  \`reach_ratio\` (\`views / followers\`, null when unknown) and \`age_hours\`.
- Ranking: score descending, then views descending, then video id ascending — a total order, so the
  result does not depend on the order in which the videos were fetched.
`;
