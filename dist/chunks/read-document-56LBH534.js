import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-E3UQHRA5.js";import"./chunk-IQVWDWET.js";export{a as documentKind,b as readDocument};
//# sourceMappingURL=read-document-56LBH534.js.map
