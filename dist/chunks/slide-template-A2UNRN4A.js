import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-YTPYJD2T.js";import"./chunk-6CVPPEZI.js";import"./chunk-I6IO3ZER.js";import"./chunk-BGN2RKIB.js";import"./chunk-F2NCHONS.js";import"./chunk-CU4LTYDP.js";import"./chunk-IQVWDWET.js";export{d as openTemplate,b as parsed,c as reachable,a as relationships};
//# sourceMappingURL=slide-template-A2UNRN4A.js.map
