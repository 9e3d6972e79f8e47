import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-ONGFTIKU.js";import"./chunk-XS6FWFLK.js";import"./chunk-IQVWDWET.js";export{a as documentKind,b as readDocument};
//# sourceMappingURL=read-document-LEDIQXOF.js.map
