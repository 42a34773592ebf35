// Worker bootstrap: lets the TypeScript worker run under tsx whatever the parent's loader flags.
import { register } from 'tsx/esm/api';
register();
await import('./asr-worker.ts');
