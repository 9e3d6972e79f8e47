import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b}from"./chunk-X2FOQVH3.js";import"./chunk-6CVPPEZI.js";import"./chunk-IQVWDWET.js";export{a as documentKind,b as readDocument};
//# sourceMappingURL=read-document-QRWSAO3F.js.map
