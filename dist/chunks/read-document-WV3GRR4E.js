import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-GLLQ6AFO.js";import"./chunk-XS6FWFLK.js";import"./chunk-IQVWDWET.js";export{a as documentKind,b as readDocument};
//# sourceMappingURL=read-document-WV3GRR4E.js.map
