import { createRequire as __gitBobCreateRequire } from 'node:module'; const require = __gitBobCreateRequire(import.meta.url);
import{a,b,c,d}from"./chunk-7QRWHB6S.js";import"./chunk-XS6FWFLK.js";import"./chunk-I6IO3ZER.js";import"./chunk-BGN2RKIB.js";import"./chunk-F2NCHONS.js";import"./chunk-CU4LTYDP.js";import"./chunk-IQVWDWET.js";export{d as openTemplate,b as parsed,c as reachable,a as relationships};
//# sourceMappingURL=slide-template-I62AIRQB.js.map
