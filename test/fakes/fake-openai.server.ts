import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback OpenAI-compatible server speaking just enough Chat Completions for the Ai module:
 * POST <base>/chat/completions. Each call consumes the next scripted reply (or the default) and
 * every request is recorded, so tests can assert the prompt and that the key was sent.
 */

export interface FakeChatMessage {
  role: string;
  content: string;
}

export interface FakeChatRequestBody {
  model?: string;
  messages?: FakeChatMessage[];
  response_format?: unknown;
  [key: string]: unknown;
}

export interface FakeOpenAiRequest {
  method: string;
  path: string;
  /** The Authorization header as sent, e.g. "Bearer sk-...". */
  authorization: string | undefined;
  headers: IncomingHttpHeaders;
  body: FakeChatRequestBody;
  rawBody: string;
}

export type FakeOpenAiReply =
  /** A completion whose message content is the given string (valid JSON or not). */
  | { kind: 'content'; content: string | null; tokens?: number; model?: string; delayMs?: number }
  /** An HTTP error with an OpenAI-style body unless `body` is given. */
  | {
      kind: 'status';
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
      /** Put the received Authorization value into the error message, as careless proxies do. */
      echoKey?: boolean;
    }
  /** Accept the request and never answer. */
  | { kind: 'hang' };

export const fakeReply = {
  /** A valid structured answer with these hashtags (any count; reasons generated). */
  answer(
    hashtags: string[],
    options: { reasons?: string[]; tokens?: number; model?: string; delayMs?: number } = {},
  ): FakeOpenAiReply {
    const items = hashtags.map((hashtag, i) => ({
      hashtag,
      reason: options.reasons?.[i] ?? `fake reason for ${hashtag}`,
    }));
    return {
      kind: 'content',
      content: JSON.stringify({ hashtags: items }),
      tokens: options.tokens,
      model: options.model,
      delayMs: options.delayMs,
    };
  },
  /** A completion whose content is not JSON. */
  invalidJson(): FakeOpenAiReply {
    return { kind: 'content', content: 'Sure! Try #vegan #mealprep #fyp' };
  },
  /** A well-formed answer with `count` hashtags instead of 5. */
  wrongCount(count = 4): FakeOpenAiReply {
    return fakeReply.answer(
      Array.from({ length: count }, (_, i) => `tag_${i + 1}`),
      {},
    );
  },
  rateLimited(retryAfterSeconds = 0, code = 'rate_limit_exceeded'): FakeOpenAiReply {
    return {
      kind: 'status',
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code } },
    };
  },
  serverError(status = 500, headers: Record<string, string> = {}): FakeOpenAiReply {
    return { kind: 'status', status, headers };
  },
  unauthorized(echoKey = true): FakeOpenAiReply {
    return { kind: 'status', status: 401, echoKey };
  },
  hang(): FakeOpenAiReply {
    return { kind: 'hang' };
  },
};

export interface FakeOpenAi {
  /** Base URL to configure as OPENAI_BASE_URL, e.g. http://127.0.0.1:PORT/v1 */
  url: string;
  /** Chat-completion requests received, in order. */
  requests: FakeOpenAiRequest[];
  /** Scripts the next calls' replies, consumed in order. */
  enqueue(...replies: FakeOpenAiReply[]): void;
  /** The reply used when the queue is empty. */
  setDefault(reply: FakeOpenAiReply): void;
  /** Clears requests and the queue and restores the default reply. */
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_DEFAULT_HASHTAGS = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
const DEFAULT_TOKENS = 120;

export async function startFakeOpenAi(basePath = '/v1'): Promise<FakeOpenAi> {
  const requests: FakeOpenAiRequest[] = [];
  const queue: FakeOpenAiReply[] = [];
  const initialDefault = fakeReply.answer(FAKE_DEFAULT_HASHTAGS);
  let fallback = initialDefault;
  let completionCount = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'POST' || path !== `${basePath}/chat/completions`) {
        sendJson(res, 404, {
          error: { message: `No route ${req.method} ${path}`, type: 'invalid_request_error' },
        });
        return;
      }
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: FakeChatRequestBody;
      try {
        body = JSON.parse(rawBody) as FakeChatRequestBody;
      } catch {
        sendJson(res, 400, {
          error: { message: 'Body is not JSON', type: 'invalid_request_error' },
        });
        return;
      }
      const authorization = req.headers.authorization;
      requests.push({
        method: req.method,
        path,
        authorization,
        headers: req.headers,
        body,
        rawBody,
      });
      const reply = queue.shift() ?? fallback;
      respond(res, reply, body, authorization);
    });
  });

  function respond(
    res: ServerResponse,
    reply: FakeOpenAiReply,
    body: FakeChatRequestBody,
    authorization: string | undefined,
  ): void {
    switch (reply.kind) {
      case 'hang':
        return;
      case 'status': {
        const message = reply.echoKey
          ? `Incorrect API key provided: ${authorization ?? '(none)'}`
          : `Fake upstream error ${reply.status}`;
        const payload = reply.body ?? {
          error: { message, type: 'server_error', param: null, code: null },
        };
        sendJson(res, reply.status, payload, reply.headers);
        return;
      }
      case 'content': {
        completionCount++;
        const total = reply.tokens ?? DEFAULT_TOKENS;
        const payload = {
          id: `chatcmpl-fake-${completionCount}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: reply.model ?? body.model ?? 'fake-model',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: reply.content, refusal: null },
              logprobs: null,
              finish_reason: 'stop',
            },
          ],
          usage: {
            prompt_tokens: total - Math.floor(total / 4),
            completion_tokens: Math.floor(total / 4),
            total_tokens: total,
          },
        };
        if (reply.delayMs) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            sendJson(res, 200, payload);
          }, reply.delayMs);
          timers.add(timer);
        } else {
          sendJson(res, 200, payload);
        }
        return;
      }
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      requests.length = 0;
      queue.length = 0;
      fallback = initialDefault;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung requests and keep-alive connections would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
