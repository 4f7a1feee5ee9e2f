#!/usr/bin/env node
// The `streamlens` command: the headless engine, run straight from its TypeScript sources.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/index.ts');
process.exitCode = await main(process.argv);
