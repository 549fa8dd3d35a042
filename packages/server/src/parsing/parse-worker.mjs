// Entry of a parsing thread. The packages run from their TypeScript sources and a worker thread
// does not inherit the loader of the thread that started it, so tsx is registered here first.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
