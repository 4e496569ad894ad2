import { buildConsole } from '../../scripts/build-console';

/** Once before the e2e project: the console specs serve and drive the freshly built bundle. */
export default async function buildConsoleOnce(): Promise<void> {
  await buildConsole();
}
