import { rawErrorBody } from '../fakes/ensemble-fixtures';
import { fakeReply } from '../fakes/fake-openai.server';
import { CREATOR, DIRECT_PICKS } from '../support/analyze/analyze-corpus';
import {
  OPENAI_KEY,
  captureOutput,
  postAnalyze,
  useLiveSuite,
  type LiveWorld,
  type OutputCapture,
} from '../support/analyze/analyze-testing';

const SEARCH = '/tt/keyword/search';

/** An upstream answer that echoes our credentials back, as careless error pages do. */
function echoingBody(world: LiveWorld): object {
  const url = `https://ensembledata.com/apis${SEARCH}?name=x&token=${world.fake.token}`;
  return rawErrorBody(`Bad request ${url} (token ${world.fake.token}, key ${OPENAI_KEY})`);
}

type Scenario = [string, (world: LiveWorld) => void, string, number];

const scenarios: Scenario[] = [
  ['a successful LLM analysis', () => undefined, CREATOR.uniqueId, 200],
  [
    'an LLM 401 whose error message echoes the key',
    (w) => w.openai.setDefault(fakeReply.unauthorized(true)),
    CREATOR.uniqueId,
    200,
  ],
  [
    'a failed search whose body echoes the token (partial)',
    (w) => {
      w.proxy.intercept = ({ path, params }) =>
        path === SEARCH && params.name === 'vegan'
          ? { status: 500, body: echoingBody(w) }
          : undefined;
    },
    CREATOR.uniqueId,
    200,
  ],
  [
    'every search failing with bodies that echo the token (502)',
    (w) => w.fake.setRoute(SEARCH, () => ({ status: 500, body: echoingBody(w) })),
    CREATOR.uniqueId,
    502,
  ],
  [
    'a profile answer that is not JSON and quotes the token (502)',
    (w) => w.fake.enqueue('/tt/user/info', { status: 200, body: `<html>${w.fake.token}</html>` }),
    CREATOR.uniqueId,
    502,
  ],
  [
    'quota exhausted with an echoing body (503)',
    (w) => w.fake.enqueue('/tt/user/info', { status: 495, body: echoingBody(w), units: 0 }),
    CREATOR.uniqueId,
    503,
  ],
  ['an unknown profile (404)', () => undefined, 'nobody_here_123', 404],
  ['a private profile (403)', () => undefined, 'secretcook', 403],
];

describe('POST /api/v1/analyze — credentials never leave the process', () => {
  let capture: OutputCapture | undefined;
  // Declared before the suite's hooks, so the app's boot logs are captured (and checked) too.
  beforeEach(() => {
    capture = captureOutput();
  });
  afterEach(() => capture?.restore());
  const suite = useLiveSuite({ LOG_LEVEL: 'debug' });

  it.each(scenarios)('%s', async (_name, arrange, username, status) => {
    const { world } = suite;
    world.openai.enqueue(fakeReply.answer([...DIRECT_PICKS]));
    arrange(world);

    const res = await postAnalyze<unknown>(suite.url, { profile_url: username });
    const output = capture?.text() ?? '';
    capture?.restore();

    expect(res.status).toBe(status);
    const headers = JSON.stringify([...res.headers.entries()]);
    for (const secret of [world.fake.token, OPENAI_KEY]) {
      expect(res.text).not.toContain(secret);
      expect(headers).not.toContain(secret);
      expect(output).not.toContain(secret);
    }
    // The capture saw the request's logs: the Ensemble client logs every call.
    expect(output).toContain('/tt/user/info');
  });
});
