#!/usr/bin/env node
// Starts the media service: registers tsx (through its API: module.register('tsx/esm') is
// refused by tsx 4.2x on Node 20) so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';
register();
await import('../src/main.ts');
