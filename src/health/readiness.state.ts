import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';

/** Ready for traffic between bootstrap and the start of shutdown; /health/ready reads this. */
@Injectable()
export class ReadinessState implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private ready = false;

  get isReady(): boolean {
    return this.ready;
  }

  onApplicationBootstrap(): void {
    this.ready = true;
  }

  beforeApplicationShutdown(): void {
    this.ready = false;
  }

  /** Called from the SIGTERM handler before the server stops accepting connections. */
  markShuttingDown(): void {
    this.ready = false;
  }
}
