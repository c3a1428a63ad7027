#!/usr/bin/env node
// The `docsift` command. Runs the TypeScript sources through tsx (as `npm start` does); see
// src/start/cli.ts for the command table and README "Command line" for the commands and exit codes.
import { register } from 'tsx/esm/api';

register();
await import('../src/start/cli.ts');
