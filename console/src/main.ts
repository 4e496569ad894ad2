import { api } from './api';
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

window.addEventListener('hashchange', render);
render();
void showMode();
