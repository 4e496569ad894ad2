/**
 * The page side of the console's browser tests (see ../page-probes.ts): bundled as a script and
 * installed before the console's own script on every page the tests open.
 */
import type { PageProbes, ProbeHost } from '../page-probes';

const recorded = new Map<string, number[]>();

function first<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  return el;
}

const probes: PageProbes = {
  imagesSettled: () => [...document.images].every((img) => img.complete),

  undecodedImages: () =>
    [...document.images]
      .filter((img) => img.naturalWidth === 0)
      .map((img) => img.src.slice(0, 80))
      .concat([...document.querySelectorAll('[data-broken]')].map(() => 'replaced broken image')),

  recordProgress(selector) {
    const el = first<HTMLProgressElement>(selector);
    const seen: number[] = [];
    recorded.set(selector, seen);
    // Records come in batches: each one's old value, then the value now, is the whole sequence.
    new MutationObserver((records) => {
      for (const record of records) seen.push(Number(record.oldValue ?? 0));
      seen.push(el.value);
    }).observe(el, { attributeFilter: ['value'], attributeOldValue: true });
  },

  progressSeen(selector) {
    const el = first<HTMLProgressElement>(selector);
    return { seen: recorded.get(selector) ?? [], value: el.value, max: el.max };
  },

  attributes: (selector, name) =>
    [...document.querySelectorAll(selector)].map((el) => el.getAttribute(name)),

  segmentBars: (selector) =>
    [...document.querySelectorAll(selector)].map((bar) => {
      const segments = [...bar.querySelectorAll<HTMLElement>('.segment')];
      return { segments: segments.length, drawn: segments.reduce((w, s) => w + s.offsetWidth, 0) };
    }),

  horizontalOverflow: () => document.documentElement.scrollWidth - window.innerWidth,

  async fetchText(path) {
    const res = await fetch(path);
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      text: await res.text(),
    };
  },

  inkedPixels(selector) {
    const canvas = first<HTMLCanvasElement>(selector);
    const context = canvas.getContext('2d');
    if (!context) throw new Error(`${selector} has no 2d context`);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
    return count;
  },
};

(globalThis as unknown as ProbeHost).trendxlProbes = probes;
