type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates an element with attributes (false/null/undefined omitted) and children (text is escaped). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** An image that, when it cannot be shown, is replaced by a marked placeholder. */
export function image(src: string | null, alt: string, className: string): HTMLElement {
  const placeholder = () =>
    h('div', { class: `${className} placeholder`, role: 'img', 'aria-label': alt });
  if (!src) return placeholder();
  const img = h('img', { src, alt, class: className, decoding: 'async' });
  img.addEventListener('error', () => {
    const broken = placeholder();
    broken.dataset.broken = 'true';
    img.replaceWith(broken);
  });
  return img;
}
