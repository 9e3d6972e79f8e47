import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-YLL2JQKG.js";import"./chunk-IQVWDWET.js";export{a as child_process,b as crypto,c as fs,d as os,e as path,f as stream,g as util};
//# sourceMappingURL=node-J5SVV54V.js.map
