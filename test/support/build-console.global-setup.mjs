// Once before the e2e project: the console specs serve and drive the freshly built bundle.
import { buildConsole } from '../../scripts/build-console.mjs';

export default buildConsole;
