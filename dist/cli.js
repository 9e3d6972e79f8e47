#!/usr/bin/env node
import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a as s}from"./chunks/chunk-IQVWDWET.js";import*as r from"node:module";var o=r;o.setSourceMapsSupport?o.setSourceMapsSupport(!0):process.setSourceMapsEnabled(!0);var{runCli:t}=await import("./chunks/main-KXGXVPUO.js");process.exitCode=await t(process.argv.slice(2),process.env,{out:s(e=>process.stdout.write(`${e}
`),"out"),err:s(e=>process.stderr.write(`${e}
`),"err"),cwd:process.cwd()});
//# sourceMappingURL=cli.js.map
