import { api, clientKey } from './api';
import { analyseView } from './analyse';
import { clear, h } from './dom';
import { historyView } from './history';
import './styles.css';
import { watchlistsView } from './watchlists';

type View = 'analyse' | 'history' | 'watchlists';

function route(): { view: View; params: URLSearchParams } {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const view: View = path === 'history' || path === 'watchlists' ? path : 'analyse';
  return { view, params: new URLSearchParams(query ?? '') };
}

function render(): void {
  const root = document.getElementById('view');
  if (!root) return;
  const { view, params } = route();
  clear(root);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav.tabs a')) {
    if (link.dataset.view === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (view === 'history') historyView(root, params);
  else if (view === 'watchlists') watchlistsView(root);
  else
    analyseView(root, params, {
      showVideoHistory: (id) => {
        location.hash = `#/history?video=${encodeURIComponent(id)}`;
      },
    });
}

/** Demo mode says so on every view: the data is the bundled demo dataset. */
async function showMode(): Promise<void> {
  const banner = document.getElementById('mode-banner');
  if (!banner) return;
  const { data } = await api.GET('/health').catch(() => ({ data: undefined }));
  if (!data) return;
  if (data.mode.tiktok === 'demo') {
    banner.replaceChildren(
      h('strong', {}, 'Demo mode. '),
      'The data shown is the bundled demo dataset, not live TikTok data (the server has no ENSEMBLE_API_TOKEN).',
    );
    banner.className = 'banner demo';
    banner.hidden = false;
  }
}

/** A client key for servers with CLIENT_API_KEYS, kept for this browser tab only. */
function keyForm(): HTMLElement {
  const input = h('input', {
    id: 'client-key',
    type: 'password',
    autocomplete: 'off',
    placeholder: 'X-API-Key',
    value: clientKey.get(),
  });
  const form = h('form', { class: 'key-form' }, input, h('button', { type: 'submit' }, 'Save'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clientKey.set(input.value.trim());
    render();
  });
  return h('details', { class: 'client-key' }, h('summary', {}, 'Client key'), form);
}

document.querySelector('header.top')?.appendChild(keyForm());
window.addEventListener('hashchange', render);
render();
void showMode();
