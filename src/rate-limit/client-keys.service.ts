import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { keyDigest, presentedKey, sameDigest } from '../common/auth/api-key';
import { clientsConfig, type ClientsConfig } from '../config/configuration';

interface KnownClient {
  name: string;
  digest: Buffer;
}

/**
 * The clients of CLIENT_API_KEYS. A presented key is compared with every configured key in
 * constant time (no early exit), so timing tells neither which key nor how much matched.
 * The result is remembered per request: the guard and the rate limiter both ask.
 */
@Injectable()
export class ClientKeys {
  private readonly clients: KnownClient[];
  private readonly seen = new WeakMap<object, string | null>();

  constructor(@Inject(clientsConfig.KEY) config: ClientsConfig) {
    this.clients = config.apiKeys.map((c) => ({ name: c.name, digest: keyDigest(c.key) }));
  }

  /** False when CLIENT_API_KEYS is unset: the API is open, as before keys existed. */
  get enabled(): boolean {
    return this.clients.length > 0;
  }

  /** The name of the client whose key the request carries, or null. */
  identify(req: Pick<Request, 'headers'>): string | null {
    const known = this.seen.get(req);
    if (known !== undefined) return known;
    const key = presentedKey(req);
    let name: string | null = null;
    if (key) {
      const digest = keyDigest(key);
      for (const client of this.clients) {
        if (sameDigest(digest, client.digest) && name === null) name = client.name;
      }
    }
    this.seen.set(req, name);
    return name;
  }
}
