import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueRedis } from './queue-connections';

/** A loopback port nothing listens on: every connect is refused at once. */
async function refusedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

/** A client that retries every 10 s: after its first refusal it waits, "reconnecting". */
async function parkedClient(): Promise<{ client: QueueRedis; family: Set<QueueRedis> }> {
  const family = new Set<QueueRedis>();
  const client = new QueueRedis(
    { members: family, onError: () => undefined },
    `redis://127.0.0.1:${await refusedPort()}`,
    { maxRetriesPerRequest: null, retryStrategy: () => 10_000 },
  );
  while (client.status !== 'reconnecting') await sleep(5);
  return { client, family };
}

describe('QueueRedis', () => {
  it('a disconnect while waiting to reconnect ends the client and rejects what it queued', async () => {
    const { client } = await parkedClient();
    const queued = client.get('some-key');
    const ended = once(client, 'end');
    const before = timers();

    client.disconnect();

    await ended;
    expect(client.status).toBe('end');
    await expect(queued).rejects.toThrow('Connection is closed.');
    // The next attempt was cancelled, not merely postponed.
    expect(timers()).toBe(before - 1);
  });

  it('its copies join its family, and drop() ends them all', async () => {
    const { client, family } = await parkedClient();
    const copy = client.duplicate({ connectionName: 'copy' });
    expect(copy).toBeInstanceOf(QueueRedis);
    expect(family).toEqual(new Set([client, copy]));
    expect(copy.options.retryStrategy).toBe(client.options.retryStrategy);

    const copyEnded = once(copy, 'end');
    client.drop();

    await copyEnded;
    expect([client.status, copy.status]).toEqual(['end', 'end']);
  });

  it('a second disconnect of an ended client arms nothing', async () => {
    const { client } = await parkedClient();
    client.disconnect();
    const before = timers();

    client.disconnect();

    expect(timers()).toBe(before);
  });
});
