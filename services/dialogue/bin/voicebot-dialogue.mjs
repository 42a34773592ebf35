#!/usr/bin/env node
// Starts the dialogue service: registers tsx so the TypeScript sources run as they are.
import { register } from 'node:module';
register('tsx/esm', import.meta.url);
await import('../src/main.ts');
