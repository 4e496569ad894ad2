import { api, ApiProblem, asProblem, data } from './api';
import { append, clear, h } from './dom';
import { formatTime } from './format';
import type { Watchlist, WatchlistDelivery, WatchlistRun } from './pending-api';
import { problemNote, unavailableNote } from './problem';

const listOf = <T>(value: T[] | Record<string, unknown>, key: string): T[] =>
  Array.isArray(value) ? value : ((value[key] as T[] | undefined) ?? []);

function explain(problem: ApiProblem): HTMLElement {
  if (problem.code === 'FEATURE_UNAVAILABLE' || problem.status === 503) {
    return unavailableNote(
      'Watchlists',
      'Scheduled runs need Redis, and this server has no REDIS_URL configured.',
      problem,
    );
  }
  if (problem.unavailable) {
    return unavailableNote('Watchlists', 'This server has no watchlists API.', problem);
  }
  return problemNote(problem);
}

/** Watchlists: list, create, run now, recent runs and webhook deliveries. */
export function watchlistsView(root: HTMLElement): void {
  const list = h('div', { id: 'watchlists' }, 'Loading…');
  const created = h('div', { id: 'watchlist-created' });
  const name = h('input', { id: 'wl-name', required: true, maxlength: 100 });
  const creators = h('input', {
    id: 'wl-creators',
    required: true,
    placeholder: 'name, @name, … (up to 50)',
  });
  const interval = h('input', {
    id: 'wl-interval',
    type: 'number',
    min: 1,
    max: 10080,
    value: 360,
  });
  const webhook = h('input', {
    id: 'wl-webhook',
    type: 'url',
    placeholder: 'https://example.com/hook (optional)',
  });
  const minScore = h('input', { id: 'wl-min-score', type: 'number', min: 0, max: 100, value: 0 });
  const notify = h(
    'select',
    { id: 'wl-notify' },
    h('option', { value: 'new' }, 'only new trends'),
    h('option', { value: 'always' }, 'every run'),
  );
  const form = h(
    'form',
    { class: 'grid-form', id: 'watchlist-form' },
    h('label', { for: 'wl-name' }, 'Name'),
    name,
    h('label', { for: 'wl-creators' }, 'Creators'),
    creators,
    h('label', { for: 'wl-interval' }, 'Every (minutes)'),
    interval,
    h('label', { for: 'wl-webhook' }, 'Webhook'),
    webhook,
    h('label', { for: 'wl-min-score' }, 'Min score'),
    minScore,
    h('label', { for: 'wl-notify' }, 'Notify'),
    notify,
    h('button', { type: 'submit' }, 'Create watchlist'),
  );
  append(
    root,
    h('section', { class: 'panel' }, h('h2', {}, 'Watchlists'), list),
    h(
      'section',
      { class: 'panel', id: 'watchlist-create' },
      h('h2', {}, 'New watchlist'),
      form,
      created,
    ),
  );

  const load = async () => {
    try {
      const answer = await data(api.GET('/api/v1/watchlists'));
      const items = listOf<Watchlist>(answer, 'watchlists');
      clear(list);
      if (items.length === 0) list.textContent = 'No watchlists yet.';
      for (const item of items) list.appendChild(watchlistCard(item));
    } catch (error) {
      const problem = asProblem(error);
      clear(list);
      list.appendChild(explain(problem));
      if (problem.unavailable || problem.status === 503) form.hidden = true;
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      clear(created);
      try {
        const watchlist = await data(
          api.POST('/api/v1/watchlists', {
            body: {
              name: name.value.trim(),
              creators: creators.value.split(/[\s,]+/).filter(Boolean),
              interval_minutes: Number(interval.value),
              webhook_url: webhook.value.trim() || undefined,
              min_score: Number(minScore.value),
              notify: notify.value === 'always' ? 'always' : 'new',
            },
          }),
        );
        created.appendChild(
          h(
            'p',
            { class: 'success' },
            `Created “${watchlist.name}”.`,
            watchlist.webhook_secret
              ? h(
                  'span',
                  {},
                  ' Webhook secret (shown once): ',
                  h('code', {}, watchlist.webhook_secret),
                )
              : null,
          ),
        );
        await load();
      } catch (error) {
        created.appendChild(explain(asProblem(error)));
      }
    })();
  });
  void load();
}

function watchlistCard(watchlist: Watchlist): HTMLElement {
  const out = h('div', { class: 'watchlist-detail' });
  const button = (label: string, action: () => Promise<void>) => {
    const b = h('button', { type: 'button' }, label);
    b.addEventListener('click', () => {
      void action().catch((error: unknown) => {
        clear(out);
        out.appendChild(explain(asProblem(error)));
      });
    });
    return b;
  };
  const path = { params: { path: { id: watchlist.id } } };
  return h(
    'article',
    { class: 'watchlist', 'data-id': watchlist.id },
    h('h3', {}, watchlist.name),
    h(
      'p',
      { class: 'muted' },
      `${watchlist.creators.map((c) => `@${c}`).join(', ')} · every ${watchlist.interval_minutes} min`,
    ),
    h(
      'div',
      { class: 'card-actions' },
      button('Run now', async () => {
        const run = await data(api.POST('/api/v1/watchlists/{id}/run', path));
        clear(out);
        out.appendChild(h('p', { class: 'success' }, `Run ${run.run_id} queued.`));
      }),
      button('Recent runs', async () => {
        const runs = listOf<WatchlistRun>(
          await data(
            api.GET('/api/v1/watchlists/{id}/runs', {
              params: { path: { id: watchlist.id }, query: { limit: 10 } },
            }),
          ),
          'runs',
        );
        clear(out);
        out.appendChild(
          table(
            ['Run', 'Status', 'Started', 'Finished', 'Creators'],
            runs.map((r) => [
              r.id ?? r.run_id ?? '',
              r.status,
              r.started_at ? formatTime(r.started_at) : '–',
              r.finished_at ? formatTime(r.finished_at) : '–',
              (r.creators ?? [])
                .map((c) => `@${c.username}: ${c.error ?? `${c.new_trends ?? 0} new`}`)
                .join('; '),
            ]),
          ),
        );
      }),
      button('Deliveries', async () => {
        const deliveries = listOf<WatchlistDelivery>(
          await data(api.GET('/api/v1/watchlists/{id}/deliveries', path)),
          'deliveries',
        );
        clear(out);
        out.appendChild(
          table(
            ['Run', 'Attempt', 'When', 'Result', 'ms'],
            deliveries.map((d) => [
              d.run_id ?? '',
              String(d.attempt ?? ''),
              formatTime(d.attempted_at ?? d.at ?? ''),
              d.error ?? String(d.status ?? ''),
              String(d.duration_ms ?? ''),
            ]),
          ),
        );
      }),
    ),
    out,
  );
}

function table(head: string[], rows: string[][]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, 'Nothing yet.');
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
    ),
  );
}
