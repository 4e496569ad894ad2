import type { ApiProblem } from './api';
import { append, h } from './dom';

/** An API problem in the API's own words; a rate limit also says when to try again. */
export function problemNote(problem: ApiProblem): HTMLElement {
  const note = h(
    'div',
    { class: 'problem', role: 'alert', 'data-code': problem.code },
    h('strong', {}, problem.message),
    ' ',
    h('span', { class: 'code' }, problem.code),
  );
  if (problem.code === 'UNAUTHORIZED') {
    append(
      note,
      h('p', {}, 'This server needs a client key: enter it under “Client key” at the top.'),
    );
  }
  if (problem.code === 'RATE_LIMITED' && problem.retryAfterSeconds !== undefined) {
    const at = new Date(Date.now() + problem.retryAfterSeconds * 1000);
    append(
      note,
      h(
        'p',
        { class: 'retry' },
        `Rate limited: try again in ${problem.retryAfterSeconds} s (at ${at.toLocaleTimeString()}).`,
      ),
    );
  }
  return note;
}

/** The note shown where a whole feature is missing on this server (404 route, 503). */
export function unavailableNote(feature: string, why: string, problem: ApiProblem): HTMLElement {
  return h(
    'div',
    { class: 'unavailable', role: 'status', 'data-code': problem.code },
    h('strong', {}, `${feature} unavailable. `),
    why,
    h('p', { class: 'api-words' }, `The service says: “${problem.message}” (${problem.code}).`),
  );
}
