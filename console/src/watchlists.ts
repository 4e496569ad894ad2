import type { components } from '../../client/schema';
import { api, ApiProblem, asProblem, data, done } from './api';
import { append, clear, h } from './dom';
import { formatTime } from './format';
import { problemNote, unavailableNote } from './problem';

type Watchlist = components['schemas']['WatchlistDto'];
type Run = components['schemas']['RunDto'];
type RunCreator = components['schemas']['RunCreatorDto'];
type Delivery = components['schemas']['DeliveryDto'];

const RUNS_PAGE = 10;
const DELIVERIES_PAGE = 20;
/** Runs still in the queue or running are re-read until they finish: quickly, then every 5 s. */
const POLL_FIRST_MS = 1000;
const POLL_MAX_MS = 5000;

/** The whole feature is missing here: no REDIS_URL (503 FEATURE_UNAVAILABLE) or no such route. */
const featureMissing = (problem: ApiProblem): boolean =>
  problem.code === 'FEATURE_UNAVAILABLE' || (problem.unavailable && problem.status === 404);

function explain(problem: ApiProblem): HTMLElement {
  if (problem.code === 'FEATURE_UNAVAILABLE') {
    return unavailableNote(
      'Watchlists',
      'Scheduled runs need Redis, and this server has no REDIS_URL configured.',
      problem,
    );
  }
  if (featureMissing(problem)) {
    return unavailableNote('Watchlists', 'This server has no watchlists API.', problem);
  }
  return problemNote(problem);
}

/** Watchlists: list, create, run now, recent runs, webhook deliveries, delete. */
export function watchlistsView(root: HTMLElement): void {
  const list = h('div', { id: 'watchlists' }, 'Loading…');
  const created = h('div', { id: 'watchlist-created', 'aria-live': 'polite' });
  const form = createForm();
  append(
    root,
    h('section', { class: 'panel' }, h('h2', {}, 'Watchlists'), list),
    h(
      'section',
      { class: 'panel', id: 'watchlist-create' },
      h('h2', {}, 'New watchlist'),
      form.element,
      created,
    ),
  );

  const load = async () => {
    try {
      const { watchlists } = await data(api.GET('/api/v1/watchlists'));
      clear(list);
      if (watchlists.length === 0) list.textContent = 'No watchlists yet.';
      for (const watchlist of watchlists) list.appendChild(watchlistCard(watchlist, load));
    } catch (error) {
      const problem = asProblem(error);
      clear(list);
      list.appendChild(explain(problem));
      if (featureMissing(problem)) form.element.hidden = true;
    }
  };

  form.element.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      clear(created);
      form.submit.disabled = true;
      try {
        const watchlist = await data(api.POST('/api/v1/watchlists', { body: form.body() }));
        form.element.reset();
        created.appendChild(createdNote(watchlist));
        await load();
      } catch (error) {
        created.appendChild(explain(asProblem(error)));
      } finally {
        form.submit.disabled = false;
      }
    })();
  });
  void load();
}

function createForm() {
  const name = h('input', { id: 'wl-name', required: true, maxlength: 100 });
  const creators = h('input', {
    id: 'wl-creators',
    required: true,
    placeholder: 'name, @name or profile URL, … (up to 50)',
  });
  const interval = h('input', {
    id: 'wl-interval',
    type: 'number',
    required: true,
    min: 1,
    max: 10080,
    value: 360,
  });
  const webhook = h('input', {
    id: 'wl-webhook',
    type: 'url',
    placeholder: 'https://example.com/hook (optional)',
  });
  const minScore = h('input', {
    id: 'wl-min-score',
    type: 'number',
    required: true,
    min: 0,
    max: 100,
    step: 'any',
    value: 0,
  });
  const notify = h(
    'select',
    { id: 'wl-notify' },
    h('option', { value: 'new' }, 'only when something is new'),
    h('option', { value: 'always' }, 'after every run'),
  );
  const submit = h('button', { type: 'submit' }, 'Create watchlist');
  const element = h(
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
    submit,
  );
  const body = (): components['schemas']['CreateWatchlistDto'] => ({
    name: name.value.trim(),
    creators: creators.value.split(/[\s,]+/).filter(Boolean),
    interval_minutes: Number(interval.value),
    webhook_url: webhook.value.trim() || undefined,
    min_score: Number(minScore.value),
    notify: notify.value === 'always' ? 'always' : 'new',
  });
  return { element, submit, body };
}

/** The answer to a creation: the only time the webhook secret is ever shown. */
function createdNote(watchlist: components['schemas']['CreatedWatchlistDto']): HTMLElement {
  return h(
    'div',
    { class: 'created' },
    h('p', { class: 'success' }, `Created “${watchlist.name}”.`),
    h(
      'div',
      { class: 'secret' },
      h('strong', {}, 'Webhook signing secret: shown only this once, store it now. '),
      watchlist.webhook_url ? null : '(It signs the webhooks once you add a webhook URL.) ',
      h('code', { id: 'wl-secret' }, watchlist.webhook_secret),
    ),
  );
}

function notifyLabel(watchlist: Watchlist): string {
  if (!watchlist.webhook_url) return 'no webhook';
  const when = watchlist.notify === 'always' ? 'after every run' : 'when something is new';
  return `webhook ${when}: ${watchlist.webhook_url}`;
}

function watchlistCard(watchlist: Watchlist, reload: () => Promise<void>): HTMLElement {
  const detail = h('div', { class: 'watchlist-detail', 'aria-live': 'polite' });
  /** Each action replaces the detail; the token stops the polls of the one before. */
  let shown = 0;
  const show = (...children: HTMLElement[]): number => {
    clear(detail);
    append(detail, ...children);
    return ++shown;
  };
  const button = (label: string, action: string, run: () => Promise<void>, cls = '') => {
    const b = h('button', { type: 'button', 'data-action': action, class: cls || null }, label);
    b.addEventListener('click', () => {
      void run().catch((error: unknown) => show(explain(asProblem(error))));
    });
    return b;
  };
  const id = { params: { path: { id: watchlist.id } } };

  const showRuns = async (before: HTMLElement | null = null) => {
    const runs = h('div', { class: 'runs' }, h('p', { class: 'muted' }, 'Loading runs…'));
    const more = h('div', { class: 'more' });
    const token = show(...(before ? [before] : []), runs, more);
    await followRuns(watchlist.id, runs, more, () => token === shown && runs.isConnected);
  };

  return h(
    'article',
    { class: 'watchlist', 'data-id': watchlist.id },
    h('h3', {}, watchlist.name),
    h('p', { class: 'creators' }, watchlist.creators.map((c) => `@${c}`).join(', ')),
    h(
      'p',
      { class: 'muted watchlist-meta' },
      `every ${watchlist.interval_minutes} min · min score ${watchlist.min_score} · ${notifyLabel(watchlist)}`,
    ),
    h(
      'div',
      { class: 'card-actions' },
      button('Run now', 'run', async () => {
        const { run_id } = await data(api.POST('/api/v1/watchlists/{id}/run', id));
        await showRuns(h('p', { class: 'success' }, `Run ${run_id} queued.`));
      }),
      button('Runs', 'runs', () => showRuns()),
      button('Deliveries', 'deliveries', async () => {
        show(h('p', { class: 'muted' }, 'Loading deliveries…'));
        const { deliveries } = await data(
          api.GET('/api/v1/watchlists/{id}/deliveries', {
            params: { path: { id: watchlist.id }, query: { limit: DELIVERIES_PAGE } },
          }),
        );
        show(deliveriesTable(deliveries));
      }),
      button(
        'Delete…',
        'delete',
        async () => {
          const yes = button(
            `Delete “${watchlist.name}”`,
            'confirm-delete',
            async () => {
              await done(api.DELETE('/api/v1/watchlists/{id}', id));
              await reload();
            },
            'danger',
          );
          const no = button('Cancel', 'cancel', async () => void show(), 'secondary');
          show(
            h(
              'div',
              { class: 'confirm', role: 'alertdialog' },
              h('p', {}, 'Its schedule stops at once, and its runs and delivery log are deleted.'),
              h('div', { class: 'card-actions' }, yes, no),
            ),
          );
        },
        'secondary',
      ),
    ),
    detail,
  );
}

/**
 * Shows the latest runs (older pages on request), re-reading them while any is queued or
 * running, until they finish, the card shows something else or the view is left.
 */
async function followRuns(
  id: string,
  list: HTMLElement,
  more: HTMLElement,
  current: () => boolean,
): Promise<void> {
  for (let delay = POLL_FIRST_MS; ; delay = Math.min(delay * 2, POLL_MAX_MS)) {
    const page = await data(
      api.GET('/api/v1/watchlists/{id}/runs', {
        params: { path: { id }, query: { limit: RUNS_PAGE } },
      }),
    );
    if (!current()) return;
    clear(list);
    if (page.runs.length === 0) list.appendChild(h('p', { class: 'muted' }, 'No runs yet.'));
    for (const run of page.runs) list.appendChild(runItem(run));
    olderRuns(id, list, more, page.next_cursor, current);
    if (!page.runs.some((r) => r.status === 'queued' || r.status === 'running')) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (!current()) return;
  }
}

function olderRuns(
  id: string,
  list: HTMLElement,
  more: HTMLElement,
  cursor: string | null,
  current: () => boolean,
): void {
  clear(more);
  if (!cursor) return;
  const b = h('button', { type: 'button', class: 'secondary', 'data-action': 'older' }, 'Older');
  b.addEventListener('click', () => {
    void (async () => {
      try {
        const page = await data(
          api.GET('/api/v1/watchlists/{id}/runs', {
            params: { path: { id }, query: { limit: RUNS_PAGE, cursor } },
          }),
        );
        if (!current()) return;
        append(list, ...page.runs.map(runItem));
        olderRuns(id, list, more, page.next_cursor, current);
      } catch (error) {
        more.replaceChildren(explain(asProblem(error)));
      }
    })();
  });
  more.appendChild(b);
}

function runItem(run: Run): HTMLElement {
  const times = [
    `queued ${formatTime(run.queued_at)}`,
    run.started_at ? `started ${formatTime(run.started_at)}` : null,
    run.finished_at ? `finished ${formatTime(run.finished_at)}` : null,
  ].filter(Boolean);
  return h(
    'article',
    { class: 'run', 'data-run-id': run.id, 'data-status': run.status },
    h(
      'p',
      { class: 'run-head' },
      h('span', { class: `status ${run.status}` }, run.status),
      ' ',
      run.trigger === 'manual' ? 'run now' : 'scheduled',
      h('span', { class: 'muted' }, ` · ${times.join(' · ')}`),
    ),
    run.error ? h('p', { class: 'problem-text' }, run.error) : null,
    run.creators.length > 0
      ? h('ul', { class: 'run-creators' }, ...run.creators.map(creatorResult))
      : null,
  );
}

/** One creator's part of a run: its new trends and stored analysis, or why it failed. */
function creatorResult(creator: RunCreator): HTMLElement {
  const who = h(
    'a',
    { href: `#/history?creator=${encodeURIComponent(creator.username)}` },
    `@${creator.username}`,
  );
  if (creator.error_code) {
    return h(
      'li',
      { 'data-username': creator.username, 'data-error-code': creator.error_code },
      who,
      ': ',
      h('span', { class: 'code' }, creator.error_code),
      creator.error ? ` ${creator.error}` : null,
    );
  }
  const count = creator.new_trends;
  return h(
    'li',
    { 'data-username': creator.username, 'data-new-trends': count },
    who,
    `: ${count} new ${count === 1 ? 'trend' : 'trends'}`,
    creator.analysis_id
      ? h(
          'span',
          {},
          ' · ',
          h(
            'a',
            {
              class: 'analysis-link',
              href: `#/analyse?analysis=${encodeURIComponent(creator.analysis_id)}`,
            },
            'analysis',
          ),
        )
      : null,
  );
}

function deliveriesTable(deliveries: Delivery[]): HTMLElement {
  if (deliveries.length === 0) {
    return h('p', { class: 'muted' }, 'No webhook deliveries yet.');
  }
  const head = ['When', 'Attempt', 'Result', 'Duration', 'Delivery id'];
  const rows = deliveries.map((d) => {
    const ok = d.status_code !== null && d.status_code >= 200 && d.status_code < 300;
    const result = d.status_code !== null ? `HTTP ${d.status_code}` : (d.error ?? '–');
    const cells = [
      formatTime(d.attempted_at),
      String(d.attempt),
      h('span', { class: ok ? 'success' : 'problem-text' }, result),
      `${d.duration_ms} ms`,
      h('code', {}, d.delivery_id),
    ];
    return h(
      'tr',
      { 'data-delivery-id': d.delivery_id, 'data-run-id': d.run_id },
      ...cells.map((cell, i) => h('td', { 'data-label': head[i] }, cell)),
    );
  });
  return h(
    'table',
    { class: 'stack deliveries' },
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
    h('tbody', {}, ...rows),
  );
}
